import { describe, expect, it } from 'vitest';
import { canMoveReferral, type ReferralStatusName } from './referral-status.js';

const ALL: ReferralStatusName[] = ['DRAFT', 'RECEIVED', 'SENT', 'SCHEDULED', 'SEEN', 'REPORT_RECEIVED', 'CLOSED', 'DECLINED', 'CANCELLED'];

describe('referral status machine', () => {
  it('walks an outgoing referral from draft to closed, and nowhere else', () => {
    const path: ReferralStatusName[] = ['DRAFT', 'SENT', 'SCHEDULED', 'SEEN', 'REPORT_RECEIVED', 'CLOSED'];
    for (let i = 1; i < path.length; i++) expect(canMoveReferral('OUTGOING', path[i - 1]!, path[i]!)).toBe(true);
    expect(canMoveReferral('OUTGOING', 'DRAFT', 'SCHEDULED')).toBe(false);
    expect(canMoveReferral('OUTGOING', 'SENT', 'SEEN')).toBe(false);
    expect(canMoveReferral('OUTGOING', 'SEEN', 'CLOSED')).toBe(false);
    expect(canMoveReferral('OUTGOING', 'REPORT_RECEIVED', 'CANCELLED')).toBe(false);
    expect(canMoveReferral('OUTGOING', 'DRAFT', 'RECEIVED')).toBe(false);
  });

  it('declines only a sent (outgoing) or received (incoming) referral; final statuses never move', () => {
    expect(canMoveReferral('OUTGOING', 'SENT', 'DECLINED')).toBe(true);
    expect(canMoveReferral('OUTGOING', 'DRAFT', 'DECLINED')).toBe(false);
    expect(canMoveReferral('INCOMING', 'RECEIVED', 'DECLINED')).toBe(true);
    for (const from of ['CLOSED', 'DECLINED', 'CANCELLED'] as const) for (const to of ALL) for (const d of ['OUTGOING', 'INCOMING'] as const) expect(canMoveReferral(d, from, to)).toBe(false);
  });

  it('an incoming referral has no draft, send or report steps', () => {
    expect(canMoveReferral('INCOMING', 'RECEIVED', 'SCHEDULED')).toBe(true);
    expect(canMoveReferral('INCOMING', 'SEEN', 'CLOSED')).toBe(true);
    expect(canMoveReferral('INCOMING', 'SEEN', 'REPORT_RECEIVED')).toBe(false);
    expect(canMoveReferral('INCOMING', 'DRAFT', 'SENT')).toBe(false);
  });
});
