import type { Db } from '../../db/client.js';
import { compiledNode } from '../../db/compile/node-sql.js';
import type { TreeSelection } from '../../db/compile/tree-selection.js';
import { SQL_TYPES } from '../../graphql/compiled-types.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { isUuid } from '../../lib/uuid.js';
import { type PatientRow, toPatient } from './patient.mapper.js';
import { checkCursor, checkDateOfBirth, checkPhones, phoneDigits, searchDigits } from './patient.rules.js';
import * as repo from './patient.repo.js';
import type { PatientSearchInput, RegisterPatientInput, UpdatePatientInput } from './patient.inputs.js';
import type { Patient } from './patient.type.js';

const DEFAULT_CONSENTS = { sms: false, email: false, voicemail: false, portal: false };

function audited(audit: AuditTrail, rows: PatientRow[]): Patient[] {
  for (const r of rows) audit.read('Patient', r.id, r.id);
  return rows.map(toPatient);
}

export interface RegisterResult {
  patient: Patient | null;
  likelyDuplicates: Patient[];
}

/**
 * Registers a patient with a new MRN, unless likely duplicates exist and the caller has not confirmed.
 * @returns the patient, or null with the likely duplicates to review
 * @throws BAD_USER_INPUT for a future date of birth or several primary phones
 */
export async function registerPatient(db: Db, principal: Principal, audit: AuditTrail, input: RegisterPatientInput, today: string): Promise<RegisterResult> {
  checkDateOfBirth(input.dateOfBirth, 'input.dateOfBirth', today);
  checkPhones(input.phones, 'input.phones');
  const given = input.legalName.given.trim();
  const family = input.legalName.family.trim();
  const phones = (input.phones ?? []).map((p) => ({ kind: p.kind, number: p.number, primary: p.primary }));
  const outcome = await db.transaction(async (tx) => {
    // Under the practice lock two concurrent registrations of the same person cannot both miss each other.
    await repo.lockPracticeForRegistration(tx, principal.practiceId);
    const duplicates = await repo.findLikelyDuplicates(tx, principal.practiceId, `${given} ${family}`, input.dateOfBirth);
    if (duplicates.length > 0 && !input.confirmNotDuplicate) return { created: null, duplicates };
    const mrn = await repo.allocateMrn(tx, principal.practiceId);
    const created = await repo.insertPatient(tx, principal.practiceId, mrn, {
      givenName: given,
      middleName: input.legalName.middle?.trim() || null,
      familyName: family,
      preferredName: input.preferredName ?? null,
      dateOfBirth: input.dateOfBirth,
      sexAtBirth: input.sexAtBirth,
      genderIdentity: input.genderIdentity ?? null,
      phones,
      phoneDigits: phoneDigits(phones),
      email: input.email?.toLowerCase() ?? null,
      address: input.address ? { ...input.address } : null,
      preferredLanguage: input.preferredLanguage ?? null,
      emergencyContacts: (input.emergencyContacts ?? []).map((c) => ({ ...c })),
      consents: { ...DEFAULT_CONSENTS, ...input.consents },
      notes: input.notes ?? null,
    });
    await audit.write(tx, 'CREATE', 'Patient', created.id, created.id);
    return { created, duplicates };
  });
  // The duplicates are other patients' data shown to the caller: each one is a read.
  return { patient: outcome.created ? toPatient(outcome.created) : null, likelyDuplicates: audited(audit, outcome.duplicates) };
}

// A client may paste anything into an id; echo it only when it is shaped like one of ours.
const patientNotFound = (id: string) => notFound('Patient', isUuid(id) ? id : '(malformed id)');

interface Transition {
  action: 'UPDATE' | 'DEACTIVATE';
  /** Statuses the change may start from, and what to say when the patient is in another one. */
  from: readonly string[];
  refusal: string;
}

const UPDATE: Transition = { action: 'UPDATE', from: ['ACTIVE', 'INACTIVE', 'DECEASED'], refusal: 'is a merged record, which cannot be changed' };
const DEACTIVATE: Transition = { action: 'DEACTIVATE', from: ['ACTIVE'], refusal: 'is not an active patient' };

async function applyVersionedPatch(db: Db, principal: Principal, audit: AuditTrail, id: string, expectedVersion: number, patch: repo.PatientPatch, transition: Transition): Promise<Patient> {
  const row = await db.transaction(async (tx) => {
    const updated = await repo.updatePatientIfVersion(tx, principal.practiceId, id, expectedVersion, patch, transition.from);
    if (!updated) {
      const [current] = await repo.findPatientsByIds(tx, principal.practiceId, [id]);
      if (!current) throw patientNotFound(id);
      if (current.version !== expectedVersion) throw versionConflict('Patient', id, expectedVersion, current.version);
      throw badInput([{ path: 'input.id', message: transition.refusal }]);
    }
    await audit.write(tx, transition.action, 'Patient', id, id);
    return updated;
  });
  return toPatient(row);
}

/**
 * Updates the given fields of a patient at `expectedVersion`; omitted fields keep their value.
 * @returns the patient at its new version
 * @throws NOT_FOUND (also for another practice's patient), VERSION_CONFLICT, BAD_USER_INPUT (also for a merged record)
 */
export function updatePatient(db: Db, principal: Principal, audit: AuditTrail, input: UpdatePatientInput, today: string): Promise<Patient> {
  checkDateOfBirth(input.dateOfBirth, 'input.dateOfBirth', today);
  checkPhones(input.phones, 'input.phones');
  if (input.status === 'MERGED') throw badInput([{ path: 'input.status', message: 'MERGED is set only by merging records' }]);
  const patch: repo.PatientPatch = {};
  if (input.legalName) {
    patch.givenName = input.legalName.given.trim();
    patch.middleName = input.legalName.middle?.trim() || null;
    patch.familyName = input.legalName.family.trim();
  }
  if (input.dateOfBirth) patch.dateOfBirth = input.dateOfBirth;
  if (input.sexAtBirth) patch.sexAtBirth = input.sexAtBirth;
  if (input.status) patch.status = input.status;
  if (input.preferredName !== undefined) patch.preferredName = input.preferredName;
  if (input.genderIdentity !== undefined) patch.genderIdentity = input.genderIdentity;
  if (input.phones) {
    patch.phones = input.phones.map((p) => ({ kind: p.kind, number: p.number, primary: p.primary }));
    patch.phoneDigits = phoneDigits(patch.phones);
  }
  if (input.email !== undefined) patch.email = input.email?.toLowerCase() ?? null;
  if (input.address !== undefined) patch.address = input.address ? { ...input.address } : null;
  if (input.preferredLanguage !== undefined) patch.preferredLanguage = input.preferredLanguage;
  if (input.emergencyContacts) patch.emergencyContacts = input.emergencyContacts.map((c) => ({ ...c }));
  if (input.consents) patch.consents = { ...DEFAULT_CONSENTS, ...input.consents };
  if (input.notes !== undefined) patch.notes = input.notes;
  return applyVersionedPatch(db, principal, audit, input.id, input.expectedVersion, patch, UPDATE);
}

/**
 * Marks an active patient inactive (records are never deleted). A deceased or merged patient keeps
 * that status.
 * @returns the patient at its new version
 * @throws NOT_FOUND (also for another practice's patient), VERSION_CONFLICT, BAD_USER_INPUT when not ACTIVE
 */
export function deactivatePatient(db: Db, principal: Principal, audit: AuditTrail, id: string, expectedVersion: number): Promise<Patient> {
  return applyVersionedPatch(db, principal, audit, id, expectedVersion, { status: 'INACTIVE' }, DEACTIVATE);
}

/**
 * Records the read and maps a loaded patient row.
 * @param row - the loader's result for `id` (null when missing or another practice's)
 * @throws NOT_FOUND
 */
export function presentPatient(audit: AuditTrail, id: string, row: PatientRow | null): Patient {
  if (!row) throw patientNotFound(id);
  return audited(audit, [row])[0]!;
}

/** The criteria a search used, by name (never their values): the entity id of its audit record. */
function searchKind(search: PatientSearchInput | null | undefined): string {
  const used = (['name', 'dateOfBirth', 'mrn', 'phone', 'status'] as const).filter((k) => {
    const v = search?.[k];
    return Array.isArray(v) ? v.length > 0 : typeof v === 'string' ? v.trim() !== '' : v != null;
  });
  return used.length > 0 ? used.join(',') : 'all';
}

/**
 * Searches the caller's practice; every patient returned is recorded as read, and the search itself is
 * recorded whatever the client selected (a count alone tells whether someone is a patient): one
 * PatientSearch read whose entity id names the criteria used (e.g. "name,dateOfBirth"), never their values.
 * @param page - validated Relay arguments; the cursor must come from the same kind of search
 * @param want - what the client selected: rows (edges/pageInfo) and/or the count (totalCount). Rows
 *   not asked for are not fetched, so they are not recorded as read either.
 * @param node - what was selected on each patient: when the compiler serves it, the page, its nested
 *   reads (coverages) and the count are one statement; otherwise rows are mapped and nested fields load
 * @returns a connection of patients
 * @throws BAD_USER_INPUT for a phone with fewer than 3 digits or a foreign cursor
 */
export async function searchPatients(db: Db, principal: Principal, audit: AuditTrail, search: PatientSearchInput | null | undefined, page: PageRequest, want: { rows: boolean; count: boolean }, node: TreeSelection | null = null): Promise<ConnectionShape<Patient>> {
  const digits = search?.phone ? searchDigits(search.phone) : undefined;
  if (search?.phone && (!digits || digits.length < 3)) throw badInput([{ path: 'search.phone', message: 'must contain at least 3 digits' }]);
  checkCursor(page.cursor, Boolean(search?.name?.trim()), page.forward ? 'after' : 'before');
  audit.read('PatientSearch', searchKind(search));
  const q: repo.PatientQuery = { name: search?.name?.trim() || null, dateOfBirth: search?.dateOfBirth, mrn: search?.mrn, phoneDigits: digits, status: search?.status };
  const sel = node ?? { type: 'Patient', fields: [] };
  const compiled = want.rows ? compiledNode(SQL_TYPES, sel) : null;
  if (compiled) {
    const tree = await repo.searchPatientTrees(db, principal.practiceId, q, page.limit, page.cursor, page.forward, want.count, compiled, sel);
    return toConnection(tree.rows, page, (r) => r[0], ([, p]) => {
      audit.read('Patient', p.id as string, p.id as string);
      return p as unknown as Patient;
    }, tree.total);
  }
  const [rows, total] = await Promise.all([
    want.rows ? repo.searchPatients(db, principal.practiceId, q, page.limit, page.cursor, page.forward) : Promise.resolve([]),
    want.count ? repo.countPatients(db, principal.practiceId, q) : Promise.resolve(null),
  ]);
  const conn = toConnection(rows, page, (r) => r.key, (r) => r.row, total);
  return { ...conn, edges: conn.edges.map((e) => ({ cursor: e.cursor, node: audited(audit, [e.node])[0]! })) };
}
