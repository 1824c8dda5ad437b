import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../server/src/db/client.js';
import { auditBatches } from '../../server/src/db/schema/audit.js';
import { patients } from '../../server/src/db/schema/patients.js';
import type { TestServer } from './test-server.js';

/** GraphQL documents of the patients and audit modules, shared by their tests. */
export const PATIENT_FIELDS = 'id mrn version status legalName { given middle family } dateOfBirth email phones { kind number primary }';

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterPatientInput!) {
    registerPatient(input: $input) { patient { ${PATIENT_FIELDS} } likelyDuplicates { id } }
  }`;

export const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdatePatientInput!) { updatePatient(input: $input) { patient { ${PATIENT_FIELDS} } } }`;

export const DEACTIVATE = /* GraphQL */ `
  mutation Deactivate($input: DeactivatePatientInput!) { deactivatePatient(input: $input) { patient { ${PATIENT_FIELDS} } } }`;

export const GET_PATIENT = /* GraphQL */ `
  query GetPatient($id: ID!) { patient(id: $id) { ${PATIENT_FIELDS} } }`;

export const SEARCH = /* GraphQL */ `
  query Search($search: PatientSearchInput, $first: Int, $after: String, $last: Int, $before: String) {
    patients(search: $search, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id mrn legalName { given family } } }
    }
  }`;

export const AUDIT_EVENTS = /* GraphQL */ `
  query Audit($filter: AuditEventFilter, $first: Int, $after: String, $last: Int, $before: String) {
    auditEvents(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id at userId roles action entityType entityId patientId operationName requestId } }
    }
  }`;

/** Everything stored about a practice's patients, to prove a rejected operation changed nothing. */
export async function patientSnapshot(db: Db, practiceId: string): Promise<unknown[]> {
  return db.select().from(patients).where(eq(patients.practiceId, practiceId)).orderBy(patients.id);
}

/** Number of audit events of a practice: audited entities, summed over its batch rows. */
export async function auditCount(db: Db, practiceId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(cardinality(${auditBatches.entityIds})), 0)`.mapWith(Number) })
    .from(auditBatches)
    .where(eq(auditBatches.practiceId, practiceId));
  return Number(row?.n ?? 0);
}

/** Registers a patient over GraphQL and returns it; fails the test on any error. */
export async function registerOk(server: TestServer, token: string, input: Record<string, unknown>) {
  const res = await server.gql(token, REGISTER, { input });
  if (res.errors) throw new Error(`registerPatient failed: ${JSON.stringify(res.errors)}`);
  return res.data!.registerPatient.patient as { id: string; mrn: string; version: number; status: string };
}
