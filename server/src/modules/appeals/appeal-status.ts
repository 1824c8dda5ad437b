import { registerEnumType } from 'type-graphql';

/** Where an appeal stands. */
export enum AppealStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  WON = 'WON',
  LOST = 'LOST',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(AppealStatus, {
  name: 'AppealStatus',
  description: 'DRAFT (being written) → SUBMITTED (sent to the payer) → WON (the payer reverses the denial; its payment arrives as a new remittance) or LOST; DRAFT or SUBMITTED → WITHDRAWN.',
});

/** A payer's decision on a submitted appeal. */
export enum AppealDecision {
  WON = 'WON',
  LOST = 'LOST',
}
registerEnumType(AppealDecision, { name: 'AppealDecision', description: 'WON or LOST.' });

const S = AppealStatus;
const MOVES: Partial<Record<AppealStatus, readonly AppealStatus[]>> = {
  [S.DRAFT]: [S.SUBMITTED, S.WITHDRAWN],
  [S.SUBMITTED]: [S.WON, S.LOST, S.WITHDRAWN],
};

/** Whether an appeal may move from one status to another (WON, LOST and WITHDRAWN are final). */
export const canMoveAppeal = (from: AppealStatus, to: AppealStatus): boolean => MOVES[from]?.includes(to) ?? false;

/** An appeal still being worked (at most one per claim line). */
export const isOpenAppeal = (s: AppealStatus): boolean => s === S.DRAFT || s === S.SUBMITTED;
