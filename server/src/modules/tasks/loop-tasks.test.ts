import { describe, expect, it } from 'vitest';
import { loopClosing, loopTaskKey as k } from './loop-tasks.js';

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
});
