import type { LabResultRow } from '../../db/schema/results.js';
import { loopTaskKey } from '../tasks/loop-tasks.js';
import type { TaskSpec } from '../tasks/task-create.js';

/**
 * The review task an abnormal or critical result opens at once, in the CLINICIAN queue (providers have no
 * user accounts to assign to; the ordering provider is named in the description by id). Critical is URGENT.
 * None for a normal result, or one not yet matched to a patient (the unmatched queue holds it; matching it
 * later opens the task).
 */
export function resultTaskSpecs(r: Pick<LabResultRow, 'id' | 'patientId' | 'interpretation' | 'orderingProviderId' | 'reviewedAt'>): TaskSpec[] {
  if (!r.patientId || r.reviewedAt || r.interpretation === 'NORMAL') return [];
  const critical = r.interpretation === 'CRITICAL';
  return [
    {
      sourceKey: loopTaskKey.resultReview(r.id),
      title: critical ? 'Critical lab result: review now' : 'Abnormal lab result to review',
      description: r.orderingProviderId ? `Ordering provider ${r.orderingProviderId}` : 'No ordering provider matched',
      patientId: r.patientId,
      about: { type: 'RESULT', id: r.id },
      queueRole: 'CLINICIAN',
      priority: critical ? 'URGENT' : 'HIGH',
      dueDate: null,
    },
  ];
}
