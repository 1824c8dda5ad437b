import type { Db } from '../db/client.js';
import { createPatientLoader } from '../modules/patients/patient.loaders.js';
import { createSchedulingLoaders } from '../modules/scheduling/appointment.loaders.js';

/**
 * All per-request DataLoaders, scoped to the caller's practice. Created once per request in the
 * context; never stored on resolver instances.
 */
export function createLoaders(db: Db, practiceId: string) {
  return {
    patient: createPatientLoader(db, practiceId),
    ...createSchedulingLoaders(db, practiceId),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
