import type { Db } from '../../db/client.js';
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
  /** A claim rejected (999/277CA) or denied at a revision: the biller corrects, resubmits or appeals. */
  claimFollowUp: (id: string, revision: number) => `claim:${id}:follow-up:${revision}`,
};

/** A step of a loop: a record of `kind` moved to status `to`. */
export type LoopStep =
  | { kind: 'referral'; id: string; to: string }
  | { kind: 'order'; id: string; to: string }
  | { kind: 'claim'; id: string; revision: number; to: string };

/** What a step closes: the keys, how (DONE: the step did the work; CANCELLED: the record ended without it), why. */
export interface LoopClosing {
  keys: string[];
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
    case 'claim': {
      // The follow-up of the revision is done once the claim moves on: corrected (a new revision), resubmitted,
      // paid, appealed; a voided claim ends it.
      if (step.to === 'REJECTED' || step.to === 'DENIED') return null;
      return { keys: [k.claimFollowUp(id, step.revision)], status: ENDED.includes(step.to) ? 'CANCELLED' : 'DONE', why };
    }
  }
}

/**
 * Closes the system tasks a step of a loop makes moot, on the step's transaction, with a history event by
 * the actor. One statement when the step closes anything, none otherwise.
 * @returns the tasks closed (publish them after the commit)
 */
export async function closeLoopTasks(tx: Db, practiceId: string, step: LoopStep, byUserId: string): Promise<ClosedTaskRow[]> {
  const closing = loopClosing(step);
  if (!closing) return [];
  return closeTasksBySourceKeys(tx, practiceId, closing.keys, closing.status, byUserId, closing.why);
}
