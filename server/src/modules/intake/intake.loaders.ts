import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { findLatestLinksOf } from './intake.repo.js';

type LatestLink = Awaited<ReturnType<typeof findLatestLinksOf>>[number];

/** Per-request intake loaders, scoped to one practice; each batch is one SQL statement. */
export function createIntakeLoaders(db: Db, practiceId: string) {
  return {
    /** Each appointment's newest (or submitted) intake link, or undefined. */
    appointmentIntake: new DataLoader<string, LatestLink | undefined>(async (ids) => {
      const rows = new Map((await findLatestLinksOf(db, practiceId, ids)).map((r) => [r.link.appointmentId, r]));
      return ids.map((id) => rows.get(id));
    }),
  };
}
