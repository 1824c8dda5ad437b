/** Referral statuses and who may move them where: pure rules, unit-tested beside. */
export type ReferralStatusName = 'DRAFT' | 'RECEIVED' | 'SENT' | 'SCHEDULED' | 'SEEN' | 'REPORT_RECEIVED' | 'CLOSED' | 'DECLINED' | 'CANCELLED';
export type ReferralDirectionName = 'OUTGOING' | 'INCOMING';

/** OUTGOING closes the loop when the specialist's report came back and was reviewed. */
const OUTGOING: Record<ReferralStatusName, ReferralStatusName[]> = {
  DRAFT: ['SENT', 'CANCELLED'],
  SENT: ['SCHEDULED', 'DECLINED', 'CANCELLED'],
  SCHEDULED: ['SCHEDULED', 'SEEN', 'CANCELLED'],
  SEEN: ['REPORT_RECEIVED', 'CANCELLED'],
  REPORT_RECEIVED: ['CLOSED'],
  RECEIVED: [],
  CLOSED: [],
  DECLINED: [],
  CANCELLED: [],
};

/** INCOMING: received, booked here, seen here, closed (the consult note went back). */
const INCOMING: Record<ReferralStatusName, ReferralStatusName[]> = {
  RECEIVED: ['SCHEDULED', 'DECLINED', 'CANCELLED'],
  SCHEDULED: ['SCHEDULED', 'SEEN', 'CANCELLED'],
  SEEN: ['CLOSED'],
  DRAFT: [],
  SENT: [],
  REPORT_RECEIVED: [],
  CLOSED: [],
  DECLINED: [],
  CANCELLED: [],
};

export const FINAL_REFERRAL_STATUSES: readonly ReferralStatusName[] = ['CLOSED', 'DECLINED', 'CANCELLED'];

/** Whether a referral of `direction` may move from `from` to `to` (SCHEDULED → SCHEDULED is a reschedule). */
export function canMoveReferral(direction: ReferralDirectionName, from: ReferralStatusName, to: ReferralStatusName): boolean {
  return (direction === 'OUTGOING' ? OUTGOING : INCOMING)[from].includes(to);
}
