import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { accessText, STAFF_PHI } from '../../graphql/access.js';
import type { Context } from '../../graphql/context.js';
import { Patient } from '../patients/patient.type.js';
import { PATIENT_TASKS_LIMIT } from './task.loaders.js';
import { toTask } from './task.mapper.js';
import { Task } from './task.type.js';

/** Patient.tasks lives here: the patients module knows nothing of tasks. */
@Resolver(() => Patient)
export class PatientTasksResolver {
  @Authorized(STAFF_PHI)
  @FieldResolver(() => [Task], {
    description: `The patient's open work: tasks OPEN or IN_PROGRESS about the patient, in any queue or inbox, overdue first, then URGENT → LOW, then due date; at most ${PATIENT_TASKS_LIMIT}. One batched query per request; every read audited. Same rule as Query.taskQueue: ${accessText(STAFF_PHI)}`,
  })
  async tasks(@Root() p: Patient, @Ctx() ctx: Context): Promise<Task[]> {
    const rows = await ctx.loaders.patientOpenTasks.load(p.id);
    for (const t of rows) ctx.audit.read('Task', t.id, t.patientId);
    return rows.map(toTask);
  }
}
