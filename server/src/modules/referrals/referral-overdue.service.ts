import type { Db } from '../../db/client.js';
import { ensureTasksOfPractices, type TaskSpec } from '../tasks/task-create.js';
import { loopTaskKey } from '../tasks/loop-tasks.js';
import { findReferralsOfList, referralLists } from './referral.repo.js';

/** A referral sent this many days ago and still not scheduled is overdue. */
export const NOT_SCHEDULED_AFTER_DAYS = 14;
/** A referral seen this many days ago without the specialist's report is overdue. */
export const NO_REPORT_AFTER_DAYS = 14;

/**
 * Creates the FRONT_DESK task of every overdue outgoing referral — sent and not scheduled after
 * NOT_SCHEDULED_AFTER_DAYS (`referral:<id>:not-scheduled`), seen without a report after NO_REPORT_AFTER_DAYS
 * (`referral:<id>:no-report`) — once per referral and reason, however often it runs (ensureTasks). With
 * `practiceId` null it sweeps every practice (each by its own today) in the same fixed number of statements:
 * two reads and, when anything is due, one transaction of two statements.
 * The new tasks are announced on `taskChanged` after the commit (task-change.outbox.ts).
 * @returns how many tasks this run created
 */
export async function createOverdueReferralTasks(db: Db, practiceId: string | null, byUserId: string): Promise<number> {
  const lists = referralLists(practiceId);
  const [notScheduled, noReport] = await Promise.all([findReferralsOfList(db, lists.awaitingScheduling(NOT_SCHEDULED_AFTER_DAYS)), findReferralsOfList(db, lists.awaitingReport(NO_REPORT_AFTER_DAYS))]);
  type Due = (typeof notScheduled)[number];
  const spec = (r: Due, key: (id: string) => string, title: string): TaskSpec & { practiceId: string } => ({
    practiceId: r.practiceId,
    sourceKey: key(r.id),
    title,
    patientId: r.patientId,
    about: { type: 'REFERRAL', id: r.id },
    queueRole: 'FRONT_DESK',
    priority: r.urgency === 'ROUTINE' ? 'HIGH' : 'URGENT',
    dueDate: r.today,
  });
  const specs = [...notScheduled.map((r) => spec(r, loopTaskKey.referralNotScheduled, 'Referral sent but not scheduled: call the specialist')), ...noReport.map((r) => spec(r, loopTaskKey.referralNoReport, 'Specialist report missing: request it'))];
  if (specs.length === 0) return 0;
  return (await db.transaction((tx) => ensureTasksOfPractices(tx, byUserId, specs))).length;
}
