import { registerEnumType } from 'type-graphql';

/**
 * The superbill status machine, pure. DRAFT is the only editable state; FINALIZED never changes
 * except to VOIDED (with a reason) or to SUPERSEDED (when its correction is finalized). VOIDED and
 * SUPERSEDED are final. The database enforces the same on finalized rows (migration 0020).
 */
export enum SuperbillStatus {
  DRAFT = 'DRAFT',
  FINALIZED = 'FINALIZED',
  VOIDED = 'VOIDED',
  SUPERSEDED = 'SUPERSEDED',
}

registerEnumType(SuperbillStatus, {
  name: 'SuperbillStatus',
  description: 'DRAFT (editable) → FINALIZED (never changes) → VOIDED (with a reason) or SUPERSEDED (its correction was finalized). A DRAFT may be VOIDED too.',
});

/** What a caller asks for; SUPERSEDED is reached only through finalizing a correction. */
export type SuperbillAction = 'EDIT' | 'FINALIZE' | 'VOID' | 'CORRECT' | 'SUPERSEDE';

const S = SuperbillStatus;

const ALLOWED: Record<SuperbillStatus, readonly SuperbillAction[]> = {
  [S.DRAFT]: ['EDIT', 'FINALIZE', 'VOID'],
  [S.FINALIZED]: ['VOID', 'CORRECT', 'SUPERSEDE'],
  [S.VOIDED]: [],
  [S.SUPERSEDED]: [],
};

const TARGET: Partial<Record<SuperbillAction, SuperbillStatus>> = { FINALIZE: S.FINALIZED, VOID: S.VOIDED, SUPERSEDE: S.SUPERSEDED };

/** Whether `action` is allowed on a superbill in status `from`. */
export const allows = (from: SuperbillStatus, action: SuperbillAction): boolean => ALLOWED[from]?.includes(action) ?? false;

/**
 * The status after `action`, or null when the action is not allowed from `from`. EDIT and CORRECT
 * keep the status (a correction is a new DRAFT; the corrected one stays FINALIZED until then).
 */
export function nextStatus(from: SuperbillStatus, action: SuperbillAction): SuperbillStatus | null {
  if (!allows(from, action)) return null;
  return TARGET[action] ?? from;
}

/** Statuses whose superbill counts for the encounter (not voided, not replaced). */
export const isLive = (s: SuperbillStatus) => s === S.DRAFT || s === S.FINALIZED;
