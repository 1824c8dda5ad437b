import { registerEnumType } from 'type-graphql';

/** Where a release-of-information request stands. */
export enum ReleaseStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  DENIED = 'DENIED',
  SENT = 'SENT',
}

registerEnumType(ReleaseStatus, {
  name: 'ReleaseStatus',
  description: 'REQUESTED → APPROVED (a PRACTICE_ADMIN checked the authorization) or DENIED (final); APPROVED → SENT (the package was released: a disclosure, final).',
});

const S = ReleaseStatus;
const MOVES: Partial<Record<ReleaseStatus, readonly ReleaseStatus[]>> = {
  [S.REQUESTED]: [S.APPROVED, S.DENIED],
  [S.APPROVED]: [S.SENT],
};

/** Whether a request may move from one status to another (DENIED and SENT are final). */
export const canMoveRelease = (from: ReleaseStatus, to: ReleaseStatus): boolean => MOVES[from]?.includes(to) ?? false;
