import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { notFound } from '../../graphql/errors.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { findPatientsByIds } from '../patients/patient.repo.js';
import type { ReleaseStatus } from './release-status.js';
import { toDisclosure } from './release.mapper.js';
import * as repo from './release.repo.js';
import { presentRelease } from './release.service.js';
import type { Disclosure, ReleaseRequest } from './release.type.js';

/** A found request, presented and audited, or NOT_FOUND (also another practice's). */
export function presentFoundRelease(audit: AuditTrail, id: string, row: repo.ReleaseRow | null): ReleaseRequest {
  if (!row) throw notFound('ReleaseRequest', id);
  return presentRelease(audit, row);
}

async function requirePatient(db: Db, practiceId: string, patientId: string): Promise<void> {
  if (!isUuid(patientId) || (await findPatientsByIds(db, practiceId, [patientId])).length === 0) throw notFound('Patient', patientId);
}

/**
 * A patient's release requests, newest first (two statements: the patient check and the list; reads audited).
 * @throws NOT_FOUND (patient)
 */
export async function listReleaseRequests(db: Db, principal: Principal, audit: AuditTrail, patientId: string, statuses: readonly ReleaseStatus[] | null): Promise<ReleaseRequest[]> {
  await requirePatient(db, principal.practiceId, patientId);
  return (await repo.findReleasesOfPatient(db, principal.practiceId, patientId, statuses)).map((r) => presentRelease(audit, r));
}

/**
 * A patient's accounting of disclosures: every SENT release (since a moment, when given), newest first, each
 * with exactly the document versions released. Three statements however many disclosures (patient check,
 * requests, packages); the read is audited per disclosure.
 * @throws NOT_FOUND (patient)
 */
export async function listDisclosures(db: Db, principal: Principal, audit: AuditTrail, patientId: string, since: Date | null): Promise<Disclosure[]> {
  const p = principal.practiceId;
  await requirePatient(db, p, patientId);
  const rows = await repo.findDisclosuresOfPatient(db, p, patientId, since);
  const packages = new Map<string, repo.PackageRow[]>();
  for (const d of await repo.findPackagesOf(db, p, rows.map((r) => r.id))) packages.set(d.releaseRequestId, [...(packages.get(d.releaseRequestId) ?? []), d]);
  return rows.map((r) => {
    audit.read('Disclosure', r.id, r.patientId);
    return toDisclosure(r, packages.get(r.id) ?? []);
  });
}
