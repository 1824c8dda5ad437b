import type { Db } from '../../db/client.js';
import type { TaskSpec } from './task-create.js';
import { type ClosedTaskRow, closeTasksBySourceKeys } from './task.repo.js';

/**
 * The system tasks of the office's loops, in one place: their source keys (used by the modules that create
 * them) and which step of the loop closes which of them (`closeLoopTasks`, called by the step itself in
 * its transaction). A task a person already closed stays as they left it.
 */
export const loopTaskKey = {
  /** An outgoing referral SENT 14 days ago and not scheduled. */
  referralNotScheduled: (id: string) => `referral:${id}:not-scheduled`,
  /** An outgoing referral SEEN 14 days ago with no report. */
  referralNoReport: (id: string) => `referral:${id}:no-report`,
  /** An incoming referral to book. */
  referralBook: (id: string) => `referral:${id}:book`,
  /** An order past its due date, not resulted. */
  orderOverdue: (id: string) => `order:${id}:overdue`,
  /** An order resulted 3 days ago, not reviewed. */
  orderReview: (id: string) => `order:${id}:review`,
  /** An abnormal or critical lab result for the ordering provider to review (closed by reviewResult). */
  resultReview: (id: string) => `result:${id}:review`,
  /** A claim rejected (999/277CA, status inquiry) at a revision: the biller corrects it (a new revision) or voids it. */
  claimRejected: (id: string, revision: number) => `claim:${id}:rejected:${revision}`,
  /**
   * A claim denied by the payer at a revision, per denial (the remittance behind it, when known): the biller
   * appeals, corrects (a replacement claim) or closes it. A claim paid after all and denied again at the same
   * revision by a later remittance gets a new task; the same remittance never makes a second one.
   */
  claimDenied: (id: string, revision: number, reference?: string | null) => `claim:${id}:denied:${revision}${reference ? `:${reference}` : ''}`,
};

/** A step of a loop: a record of `kind` moved to status `to`. */
export type LoopStep =
  | { kind: 'referral'; id: string; to: string }
  | { kind: 'order'; id: string; to: string }
  /** A lab result reviewed (to REVIEWED), or superseded by a corrected version (to SUPERSEDED). */
  | { kind: 'result'; id: string; to: string }
  /** `revision` is the claim's revision while in `from` (a correction starts the next one); `reference` the acknowledgment or remittance behind the move. */
  | { kind: 'claim'; id: string; revision: number; from: string; to: string; reference?: string | null };

/** What a step closes: the keys, how (DONE: the step did the work; CANCELLED: the record ended without it), why. */
export interface LoopClosing {
  keys: string[];
  /** Key prefixes closed too (every denial task of a claim revision, whichever remittance made it). */
  prefixes?: string[];
  status: 'DONE' | 'CANCELLED';
  why: string;
}

const ENDED = ['CANCELLED', 'DECLINED', 'VOID'];

/** Which system tasks a step closes (pure; unit-tested beside). @returns null when it closes none */
export function loopClosing(step: LoopStep): LoopClosing | null {
  const id = step.id;
  const why = `Closed automatically: the ${step.kind} moved to ${step.to}`;
  const k = loopTaskKey;
  switch (step.kind) {
    case 'referral': {
      const all = [k.referralNotScheduled(id), k.referralNoReport(id), k.referralBook(id)];
      if (ENDED.includes(step.to)) return { keys: all, status: 'CANCELLED', why };
      if (step.to === 'SCHEDULED') return { keys: [k.referralNotScheduled(id), k.referralBook(id)], status: 'DONE', why };
      if (step.to === 'REPORT_RECEIVED') return { keys: [k.referralNoReport(id)], status: 'DONE', why };
      if (step.to === 'CLOSED') return { keys: all, status: 'DONE', why };
      return null;
    }
    case 'order': {
      const all = [k.orderOverdue(id), k.orderReview(id)];
      if (ENDED.includes(step.to)) return { keys: all, status: 'CANCELLED', why };
      if (step.to === 'RESULTED') return { keys: [k.orderOverdue(id)], status: 'DONE', why };
      if (step.to === 'REVIEWED') return { keys: all, status: 'DONE', why };
      return null;
    }
    case 'result':
      if (step.to === 'SUPERSEDED') return { keys: [k.resultReview(id)], status: 'CANCELLED', why: 'Closed automatically: a corrected version of the result replaced it' };
      return step.to === 'REVIEWED' ? { keys: [k.resultReview(id)], status: 'DONE', why } : null;
    case 'claim': {
      // A rejection is worked off when the claim is corrected (back to DRAFT, next revision); voiding ends it.
      if (step.from === 'REJECTED') return { keys: [k.claimRejected(id, step.revision)], status: step.to === 'VOIDED' ? 'CANCELLED' : 'DONE', why };
      // A denial is worked off when the payer pays after all (reversal, appeal won) or the biller closes the claim.
      // A re-denial (DENIED → DENIED: the payer reversed its denial and denied again) supersedes the earlier
      // denial's task: it is closed here and the new denial's own task opens beside (claimTaskSpec).
      if (step.from === 'DENIED') {
        const again = step.to === 'DENIED' ? `Closed automatically: the payer reversed this denial and denied the claim again${step.reference ? ` in remittance ${step.reference}` : ''}; the new denial has its own task` : why;
        return { keys: [k.claimDenied(id, step.revision)], prefixes: [`${k.claimDenied(id, step.revision)}:`], status: 'DONE', why: again };
      }
      return null;
    }
  }
}

/**
 * The task a claim step opens, in the BILLER queue: a rejection to correct, a denial to work.
 * @param reason - the acknowledgment's or payer's reason (codes, no PHI), shown as the description
 * @returns null when the step opens none
 */
export function claimTaskSpec(step: Extract<LoopStep, { kind: 'claim' }>, patientId: string | null, reason: string | null, dueDate: string): TaskSpec | null {
  const common = { description: reason, patientId, about: { type: 'CLAIM' as const, id: step.id }, queueRole: 'BILLER', priority: 'HIGH' as const, dueDate };
  if (step.to === 'REJECTED') return { ...common, sourceKey: loopTaskKey.claimRejected(step.id, step.revision), title: 'Claim rejected: correct and resubmit' };
  if (step.to === 'DENIED') return { ...common, sourceKey: loopTaskKey.claimDenied(step.id, step.revision, step.reference), title: 'Claim denied: appeal, correct or close' };
  return null;
}

/**
 * Closes the system tasks a step of a loop makes moot, on the step's transaction, with a history event by
 * the actor. One statement when the step closes anything, none otherwise.
 * @returns the tasks closed (publish them after the commit)
 */
export async function closeLoopTasks(tx: Db, practiceId: string, step: LoopStep, byUserId: string): Promise<ClosedTaskRow[]> {
  const closing = loopClosing(step);
  if (!closing) return [];
  return closeTasksBySourceKeys(tx, practiceId, closing.keys, closing.status, byUserId, closing.why, closing.prefixes);
}

/**
 * `closeLoopTasks` for many steps at once (a batch of claims, a remittance): one statement per kind of
 * closing (DONE/CANCELLED and reason), none when the steps close nothing.
 * @returns the tasks closed (publish them after the commit)
 */
export async function closeLoopTasksOf(tx: Db, practiceId: string, steps: readonly LoopStep[], byUserId: string): Promise<ClosedTaskRow[]> {
  const groups = new Map<string, LoopClosing>();
  for (const step of steps) {
    const c = loopClosing(step);
    if (!c) continue;
    const key = `${c.status}\n${c.why}`;
    const g = groups.get(key);
    if (g) {
      g.keys.push(...c.keys);
      g.prefixes!.push(...(c.prefixes ?? []));
    } else groups.set(key, { ...c, keys: [...c.keys], prefixes: [...(c.prefixes ?? [])] });
  }
  const closed: ClosedTaskRow[] = [];
  for (const g of groups.values()) closed.push(...(await closeTasksBySourceKeys(tx, practiceId, g.keys, g.status, byUserId, g.why, g.prefixes)));
  return closed;
}
