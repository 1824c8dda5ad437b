import { sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import type { referrals } from '../../db/schema/referrals.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, forbidden, notFound, versionConflict } from '../../graphql/errors.js';
import { Role } from '../../graphql/roles.js';
import { isUuid } from '../../lib/uuid.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { checkCodes } from '../codes/code.service.js';
import { normalizeCode } from '../codes/code.rules.js';
import { findAboutRecord } from '../tasks/task-about.repo.js';
import { closeLoopTasks } from '../tasks/loop-tasks.js';
import { readPracticeToday } from '../tasks/practice-today.js';
import { TaskAboutType } from '../tasks/task.type.js';
import { findExternalProvidersByIds } from './external-provider.repo.js';
import { canMoveReferral, FINAL_REFERRAL_STATUSES } from './referral-status.js';
import type { CreateReferralInput, MoveReferralInput, ReferralAuthorizationInput, UpdateReferralAuthorizationInput } from './referral.inputs.js';
import { toReferral } from './referral.mapper.js';
import * as repo from './referral.repo.js';
import { type Referral, ReferralStatus } from './referral.type.js';

/** Checks an authorization's dates. @throws BAD_USER_INPUT */
export function checkAuthorization(a: ReferralAuthorizationInput | null | undefined, path: string): void {
  if (a?.validFrom && a.validTo && a.validTo < a.validFrom) throw badInput([{ path: `${path}.validTo`, message: 'must not be before validFrom' }]);
}

/** Checks ICD-10-CM codes in force on `date`. @returns them normalized @throws BAD_USER_INPUT naming each bad code's position */
export async function checkDiagnoses(db: Db, practiceId: string, codes: readonly string[], date: string, path: string): Promise<string[]> {
  const problems = await checkCodes(db, practiceId, { dateOfService: date, diagnoses: codes });
  if (problems.length) throw badInput(problems.map((p) => ({ path: `${path}.${p.index}`, message: p.message })));
  return codes.map(normalizeCode);
}

/** Checks that the outside provider is in the practice's active directory. @throws NOT_FOUND, BAD_USER_INPUT */
export async function checkExternalProvider(db: Db, practiceId: string, id: string, path: string): Promise<void> {
  const [row] = isUuid(id) ? await findExternalProvidersByIds(db, practiceId, [id]) : [];
  if (!row) throw notFound('ExternalProvider', id);
  if (!row.active) throw badInput([{ path, message: 'is inactive in your directory' }]);
}

/**
 * Creates an outgoing referral as a DRAFT.
 * @throws NOT_FOUND (patient, provider, outside provider), BAD_USER_INPUT (diagnosis codes, authorization dates, inactive outside provider)
 */
export async function createReferral(db: Db, principal: Principal, audit: AuditTrail, input: CreateReferralInput): Promise<Referral> {
  const p = principal.practiceId;
  checkAuthorization(input.authorization, 'input.authorization');
  const today = await readPracticeToday(db, p);
  if (!(await findAboutRecord(db, p, TaskAboutType.PATIENT, input.patientId))) throw notFound('Patient', input.patientId);
  if (!(await repo.findRefs(db, p, { providerId: input.providerId })).provider) throw notFound('Provider', input.providerId);
  await checkExternalProvider(db, p, input.externalProviderId, 'input.externalProviderId');
  const diagnosisCodes = await checkDiagnoses(db, p, input.diagnosisCodes, today, 'input.diagnosisCodes');
  const a = input.authorization;
  const row = await db.transaction(async (tx) => {
    const r = await repo.insertReferral(tx, p, {
      direction: 'OUTGOING',
      status: ReferralStatus.DRAFT,
      patientId: input.patientId,
      providerId: input.providerId,
      externalProviderId: input.externalProviderId,
      reason: input.reason.trim(),
      diagnosisCodes,
      urgency: input.urgency,
      attachments: input.attachments.map((x) => ({ reference: x.reference.trim(), label: x.label.trim() })),
      authorizationNumber: a?.number?.trim() || null,
      authorizedVisits: a?.visits ?? null,
      authorizationFrom: a?.validFrom ?? null,
      authorizationTo: a?.validTo ?? null,
      createdBy: principal.userId,
    });
    await repo.insertReferralHistory(tx, p, { referralId: r.id, fromStatus: null, toStatus: r.status, byUserId: principal.userId });
    await audit.write(tx, 'CREATE', 'Referral', r.id, r.patientId);
    return r;
  });
  return toReferral(row);
}

async function current(db: Db, principal: Principal, id: string, expectedVersion: number): Promise<repo.ReferralRow> {
  const [row] = isUuid(id) ? await repo.findReferralsByIds(db, principal.practiceId, [id]) : [];
  if (!row) throw notFound('Referral', id);
  if (row.version !== expectedVersion) throw versionConflict('Referral', id, expectedVersion, row.version);
  return row;
}

async function save(db: Db, principal: Principal, audit: AuditTrail, before: repo.ReferralRow, expectedVersion: number, set: PgUpdateSetSource<typeof referrals>, toStatus: string, note: string | null): Promise<Referral> {
  const p = principal.practiceId;
  const row = await db.transaction(async (tx) => {
    const r = await repo.updateReferralIf(tx, p, before.id, expectedVersion, before.status, set);
    if (!r) return null;
    if (toStatus !== before.status || note) await repo.insertReferralHistory(tx, p, { referralId: r.id, fromStatus: before.status, toStatus, note, byUserId: principal.userId });
    if (toStatus !== before.status) await closeLoopTasks(tx, p, { kind: 'referral', id: r.id, to: toStatus }, principal.userId);
    await audit.write(tx, 'UPDATE', 'Referral', r.id, r.patientId);
    return r;
  });
  if (!row) throw versionConflict('Referral', before.id, expectedVersion, expectedVersion + 1);
  return toReferral(row);
}

/**
 * Records or changes the payer's authorization of an open referral.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (closed referral, dates)
 */
export async function updateReferralAuthorization(db: Db, principal: Principal, audit: AuditTrail, input: UpdateReferralAuthorizationInput): Promise<Referral> {
  checkAuthorization(input.authorization, 'input.authorization');
  const before = await current(db, principal, input.id, input.expectedVersion);
  if (FINAL_REFERRAL_STATUSES.includes(before.status as ReferralStatus)) throw badInput([{ path: 'input.id', message: `is ${before.status}` }]);
  const a = input.authorization;
  return save(db, principal, audit, before, input.expectedVersion, { authorizationNumber: a.number?.trim() || null, authorizedVisits: a.visits ?? null, authorizationFrom: a.validFrom ?? null, authorizationTo: a.validTo ?? null }, before.status, null);
}

/**
 * Moves a referral along its status machine (see MoveReferralInput), recording who and when.
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (illegal move, missing date/reason/authorization), FORBIDDEN (closing an outgoing referral without the CLINICIAN role)
 */
export async function moveReferral(db: Db, principal: Principal, audit: AuditTrail, input: MoveReferralInput): Promise<Referral> {
  const p = principal.practiceId;
  const before = await current(db, principal, input.id, input.expectedVersion);
  const to = input.to;
  if (!canMoveReferral(before.direction as 'OUTGOING' | 'INCOMING', before.status as ReferralStatus, to)) throw badInput([{ path: 'input.to', message: `cannot move a ${before.direction} referral from ${before.status} to ${to}` }]);
  const today = await readPracticeToday(db, p);
  const on = input.on ?? today;
  if (on > today) throw badInput([{ path: 'input.on', message: 'is in the future' }]);
  const note = input.note?.trim() || null;
  const set: PgUpdateSetSource<typeof referrals> = { status: to };
  switch (to) {
    case ReferralStatus.SENT:
      if (!before.authorizationNumber && (await repo.primaryPayerRequiresAuthorization(db, p, before.patientId, on))) {
        throw badInput([{ path: 'input.id', message: 'the patient\'s payer requires an authorization number (updateReferralAuthorization) before sending' }]);
      }
      set.sentOn = on;
      break;
    case ReferralStatus.SCHEDULED:
      if (!input.scheduledFor) throw badInput([{ path: 'input.scheduledFor', message: 'is required to schedule' }]);
      if (input.appointmentId && !(await repo.findRefs(db, p, { appointmentId: input.appointmentId, patientId: before.patientId })).appointment) throw notFound('Appointment', input.appointmentId);
      set.scheduledFor = input.scheduledFor;
      if (input.appointmentId) set.appointmentId = input.appointmentId;
      break;
    case ReferralStatus.SEEN:
      set.seenOn = on;
      set.visitsUsed = sql`visits_used + 1`;
      break;
    case ReferralStatus.REPORT_RECEIVED:
      set.reportReceivedOn = on;
      if (input.report) set.attachments = [...before.attachments, { reference: input.report.reference.trim(), label: input.report.label.trim() }];
      break;
    case ReferralStatus.CLOSED:
      if (before.direction === 'OUTGOING' && !principal.roles.includes(Role.CLINICIAN)) throw forbidden('Closing the loop means a CLINICIAN reviewed the specialist\'s report');
      set.reviewedBy = before.direction === 'OUTGOING' ? principal.userId : null;
      set.closedAt = sql`now()`;
      break;
    case ReferralStatus.DECLINED:
    case ReferralStatus.CANCELLED:
      if (!note) throw badInput([{ path: 'input.note', message: `the reason is required to mark it ${to}` }]);
      if (to === ReferralStatus.DECLINED) set.declineReason = note;
      set.closedAt = sql`now()`;
      break;
    default:
      break;
  }
  return save(db, principal, audit, before, input.expectedVersion, set, to, note);
}
