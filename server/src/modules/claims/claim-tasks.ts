import type { Db } from '../../db/client.js';
import { claimTaskSpec, closeLoopTasksOf, type LoopStep } from '../tasks/loop-tasks.js';
import { ensureTasks, type TaskSpec } from '../tasks/task-create.js';

/** One status move of a claim, as the claim-status primitives record it. */
export interface ClaimMove {
  id: string;
  patientId: string | null;
  /** The claim's revision while in `from`. */
  revision: number;
  from: string;
  to: string;
  reason: string | null;
  /** The acknowledgment or remittance behind the move (a denial's task is per remittance). */
  reference?: string | null;
}

/**
 * The follow-up tasks of claim status moves, on the moving transaction (called by the status primitives in
 * claim-transition.service.ts, so every way a claim moves is covered): a move to REJECTED or DENIED puts one
 * task in the BILLER queue (once per claim, revision and kind), a move out of REJECTED or DENIED closes it
 * (tasks/loop-tasks.ts has the rule). No statement when no move concerns them.
 * @param by - who moved the claims (a user id, or `clearinghouse`…): the tasks' creator and closer
 */
export async function claimFollowUpTasks(tx: Db, practiceId: string, moves: readonly ClaimMove[], by: string, at: Date = new Date()): Promise<void> {
  const steps = moves.map((m): Extract<LoopStep, { kind: 'claim' }> => ({ kind: 'claim', id: m.id, revision: m.revision, from: m.from, to: m.to, reference: m.reference ?? null }));
  await closeLoopTasksOf(tx, practiceId, steps, by);
  const due = at.toISOString().slice(0, 10);
  const specs = steps.flatMap((s, i): TaskSpec[] => {
    const spec = claimTaskSpec(s, moves[i]!.patientId, moves[i]!.reason, due);
    return spec ? [spec] : [];
  });
  if (specs.length > 0) await ensureTasks(tx, practiceId, by, specs);
}
