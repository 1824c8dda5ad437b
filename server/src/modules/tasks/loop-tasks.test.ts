import { describe, expect, it } from 'vitest';
import { claimTaskSpec, loopClosing, loopTaskKey as k } from './loop-tasks.js';

describe('which loop step closes which system task', () => {
  it('referrals: scheduling closes the chase and the booking, the report closes its chase, an ended referral cancels all', () => {
    expect(loopClosing({ kind: 'referral', id: 'r', to: 'SCHEDULED' })).toEqual({ keys: [k.referralNotScheduled('r'), k.referralBook('r')], status: 'DONE', why: 'Closed automatically: the referral moved to SCHEDULED' });
    expect(loopClosing({ kind: 'referral', id: 'r', to: 'REPORT_RECEIVED' })).toMatchObject({ keys: ['referral:r:no-report'], status: 'DONE' });
    expect(loopClosing({ kind: 'referral', id: 'r', to: 'CLOSED' })).toMatchObject({ keys: ['referral:r:not-scheduled', 'referral:r:no-report', 'referral:r:book'], status: 'DONE' });
    for (const to of ['CANCELLED', 'DECLINED']) expect(loopClosing({ kind: 'referral', id: 'r', to })).toMatchObject({ status: 'CANCELLED', keys: ['referral:r:not-scheduled', 'referral:r:no-report', 'referral:r:book'] });
    for (const to of ['DRAFT', 'SENT', 'SEEN', 'RECEIVED']) expect(loopClosing({ kind: 'referral', id: 'r', to })).toBeNull();
  });

  it('orders: a result closes the overdue chase, the review closes both, a cancelled order cancels both', () => {
    expect(loopClosing({ kind: 'order', id: 'o', to: 'RESULTED' })).toMatchObject({ keys: ['order:o:overdue'], status: 'DONE' });
    expect(loopClosing({ kind: 'order', id: 'o', to: 'REVIEWED' })).toMatchObject({ keys: ['order:o:overdue', 'order:o:review'], status: 'DONE' });
    expect(loopClosing({ kind: 'order', id: 'o', to: 'CANCELLED' })).toMatchObject({ keys: ['order:o:overdue', 'order:o:review'], status: 'CANCELLED' });
    for (const to of ['ORDERED', 'SCHEDULED', 'COLLECTED', 'PERFORMED']) expect(loopClosing({ kind: 'order', id: 'o', to })).toBeNull();
  });

  it('results: the review closes the review task; a corrected version cancels the old version\'s', () => {
    expect(loopClosing({ kind: 'result', id: 'r', to: 'REVIEWED' })).toMatchObject({ keys: ['result:r:review'], status: 'DONE' });
    expect(loopClosing({ kind: 'result', id: 'r', to: 'SUPERSEDED' })).toMatchObject({ keys: ['result:r:review'], status: 'CANCELLED' });
    expect(loopClosing({ kind: 'result', id: 'r', to: 'RELEASED' })).toBeNull();
  });

  it('claims: a denial task per remittance; leaving DENIED closes every denial task of the revision', () => {
    const denied = (reference: string | null) => claimTaskSpec({ kind: 'claim', id: 'c', revision: 2, from: 'ACCEPTED', to: 'DENIED', reference }, null, 'CO-50', '2026-12-06')!.sourceKey;
    expect([denied('rem-1'), denied('rem-2'), denied(null)]).toEqual(['claim:c:denied:2:rem-1', 'claim:c:denied:2:rem-2', 'claim:c:denied:2']);
    // A rejection stays one per revision: a correction starts the next revision.
    expect(claimTaskSpec({ kind: 'claim', id: 'c', revision: 2, from: 'SUBMITTED', to: 'REJECTED', reference: 'ack-1' }, null, null, '2026-12-06')!.sourceKey).toBe('claim:c:rejected:2');
    expect(loopClosing({ kind: 'claim', id: 'c', revision: 2, from: 'DENIED', to: 'PAID' })).toEqual({ keys: ['claim:c:denied:2'], prefixes: ['claim:c:denied:2:'], status: 'DONE', why: 'Closed automatically: the claim moved to PAID' });
    expect(loopClosing({ kind: 'claim', id: 'c', revision: 2, from: 'ACCEPTED', to: 'PAID' })).toBeNull();
    // A re-denial by a later remittance closes the earlier denial's tasks and opens its own.
    expect(loopClosing({ kind: 'claim', id: 'c', revision: 2, from: 'DENIED', to: 'DENIED', reference: 'rem-2' })).toEqual({
      keys: ['claim:c:denied:2'], prefixes: ['claim:c:denied:2:'], status: 'DONE', why: 'Closed automatically: the payer reversed this denial and denied the claim again in remittance rem-2; the new denial has its own task',
    });
    expect(claimTaskSpec({ kind: 'claim', id: 'c', revision: 2, from: 'DENIED', to: 'DENIED', reference: 'rem-2' }, null, 'CO-50', '2026-12-06')!.sourceKey).toBe('claim:c:denied:2:rem-2');
  });
});
