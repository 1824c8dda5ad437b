import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import { isPlaceOfServiceCode } from '../../lib/place-of-service.js';
import { todayIn } from '../../lib/dates.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { requestHash } from '../scheduling/booking-rules.js';
import { billingIdentity } from './superbill-billing.js';
import { buildContent } from './superbill-content.js';
import { draftsOf, guarded, keyReused, payloadOf, wrongStatus } from './superbill-present.js';
import { findPayerRule, findRefs, lockAppointmentForBilling, primaryPayerOn } from './superbill-refs.repo.js';
import type { CreateSuperbillInput, UpdateSuperbillInput } from './superbill.inputs.js';
import * as repo from './superbill.repo.js';
import { allows, SuperbillStatus } from './superbill-status.js';
import type { SuperbillPayload } from './superbill.type.js';

const BILLABLE_APPOINTMENT = ['ARRIVED', 'IN_ROOM', 'COMPLETED'];
const FROM_APPOINTMENT = ['patientId', 'renderingProviderId', 'locationId', 'dateOfService', 'placeOfServiceCode'] as const;

/** The encounter a new superbill records: from the appointment, or as given for a standalone visit. */
async function encounterOf(tx: Db, practiceId: string, input: CreateSuperbillInput) {
  if (input.appointmentId) {
    const given = FROM_APPOINTMENT.filter((f) => input[f] != null);
    if (given.length) throw badInput(given.map((f) => ({ path: `input.${f}`, message: 'comes from the appointment; leave it out' })));
    const a = await lockAppointmentForBilling(tx, practiceId, input.appointmentId);
    if (!a) throw notFound('Appointment', input.appointmentId);
    if (!BILLABLE_APPOINTMENT.includes(a.status)) throw badInput([{ path: 'input.appointmentId', message: `is ${a.status}; a superbill needs an ARRIVED, IN_ROOM or COMPLETED appointment` }]);
    const [live] = await repo.findLiveOfAppointments(tx, practiceId, [a.id]);
    if (live) throw badInput([{ path: 'input.appointmentId', message: `already has superbill ${live.id}; update or correct it` }]);
    // What the desk recorded as collected at check-in (a patient payment) wins over what was due.
    const checkIn = a.checkIn as { copayDue?: number; copayCollected?: number } | null;
    const copayDue = checkIn?.copayCollected || (checkIn?.copayDue ?? 0);
    return { appointmentId: a.id, patientId: a.patientId, renderingProviderId: a.providerId, locationId: a.locationId, dateOfService: todayIn(a.timeZone, a.startsAt), placeOfServiceCode: a.placeOfServiceCode, telehealth: a.modality === 'TELEHEALTH', copay: input.copayCollected ?? copayDue };
  }
  const missing = FROM_APPOINTMENT.filter((f) => f !== 'placeOfServiceCode' && input[f] == null);
  if (missing.length) throw badInput(missing.map((f) => ({ path: `input.${f}`, message: 'is required without an appointmentId' })));
  const ids = { patientId: input.patientId!, providerId: input.renderingProviderId!, locationId: input.locationId! };
  const refs = await findRefs(tx, practiceId, ids);
  if (!refs.patient) throw notFound('Patient', ids.patientId);
  if (!refs.provider) throw notFound('Provider', ids.providerId);
  if (!refs.location) throw notFound('Location', ids.locationId);
  if (refs.patient.status === 'MERGED') throw badInput([{ path: 'input.patientId', message: 'was merged into another record' }]);
  if (input.dateOfService! > todayIn('Pacific/Kiritimati')) throw badInput([{ path: 'input.dateOfService', message: 'must not be in the future' }]);
  const pos = input.placeOfServiceCode ?? refs.location.code;
  if (!isPlaceOfServiceCode(pos)) throw badInput([{ path: 'input.placeOfServiceCode', message: 'must be a two-digit CMS place-of-service code such as 11' }]);
  return { appointmentId: null, patientId: ids.patientId, renderingProviderId: ids.providerId, locationId: ids.locationId, dateOfService: input.dateOfService!, placeOfServiceCode: pos, telehealth: pos === '02' || pos === '10', copay: input.copayCollected ?? 0 };
}

/** The payer whose rules apply and whether it wants modifier 95 on telehealth lines. @throws NOT_FOUND */
async function payerOf(db: Db, practiceId: string, payerId: string | null | undefined, patientId: string, dateOfService: string) {
  const id = payerId === undefined ? await primaryPayerOn(db, practiceId, patientId, dateOfService) : payerId;
  if (!id) return { payerId: null, modifier95: false };
  const rule = await findPayerRule(db, practiceId, id);
  if (!rule) throw notFound('Payer', id);
  return { payerId: rule.id, modifier95: rule.telehealthModifier95 };
}

/**
 * Creates a DRAFT superbill from an appointment or for a visit recorded elsewhere. Idempotent on
 * `idempotencyKey`.
 * @returns the superbill with possible-duplicate warnings
 * @throws NOT_FOUND (appointment, patient, provider, location, payer), BAD_USER_INPUT (every rule, with
 *   paths; an appointment not ARRIVED/IN_ROOM/COMPLETED or that already has a live superbill),
 *   IDEMPOTENCY_KEY_REUSED
 */
export async function createSuperbill(db: Db, principal: Principal, audit: AuditTrail, input: CreateSuperbillInput): Promise<SuperbillPayload> {
  const practiceId = principal.practiceId;
  const { idempotencyKey, ...request } = input;
  const hash = requestHash({ ...request });
  const replay = async () => {
    const previous = idempotencyKey ? await repo.findByIdempotencyKey(db, practiceId, 'create', idempotencyKey) : null;
    if (!previous) return null;
    if (previous.requestHash !== hash) throw keyReused(idempotencyKey!);
    return payloadOf(db, audit, previous, await repo.findLinesOf(db, practiceId, [previous.id]));
  };
  const replayed = await replay();
  if (replayed) return replayed;
  if (input.copayCollected != null && input.copayCollected < 0) throw badInput([{ path: 'input.copayCollected', message: 'must not be negative' }]);
  return guarded(
    () =>
      db.transaction(async (tx) => {
        if (idempotencyKey && input.appointmentId) {
          // A concurrent retry may have created it while this one waited for the appointment's lock.
          await lockAppointmentForBilling(tx, practiceId, input.appointmentId);
          const winner = await repo.findByIdempotencyKey(tx, practiceId, 'create', idempotencyKey);
          if (winner) return { row: winner, lines: null };
        }
        const e = await encounterOf(tx, practiceId, input);
        const payer = await payerOf(tx, practiceId, input.payerId, e.patientId, e.dateOfService);
        const content = await buildContent(tx, { practiceId, dateOfService: e.dateOfService, telehealth95: e.telehealth && payer.modifier95, base: 'input' }, input.diagnoses, input.lines);
        const created = await repo.insertSuperbill(tx, practiceId, {
          status: SuperbillStatus.DRAFT, appointmentId: e.appointmentId, patientId: e.patientId, renderingProviderId: e.renderingProviderId, locationId: e.locationId,
          payerId: payer.payerId, billingProvider: await billingIdentity(tx, practiceId), referringProviderName: input.referringProvider?.name.trim() ?? null,
          referringProviderNpi: input.referringProvider?.npi ?? null, dateOfService: e.dateOfService, placeOfServiceCode: e.placeOfServiceCode, telehealth: e.telehealth,
          priorAuthorizationNumber: input.priorAuthorizationNumber?.trim() || null, copayCollectedCents: e.copay, totalChargeCents: content.totalCharge,
          createdBy: principal.userId, idempotencyKey: idempotencyKey ?? null, requestHash: idempotencyKey ? hash : null,
        });
        await repo.replaceContent(tx, practiceId, created.id, content.diagnoses, content.lines);
        await audit.write(tx, 'CREATE', 'Superbill', created.id, created.patientId);
        return { row: created, lines: content.lines };
      }).then(async ({ row, lines }) => {
        if (lines) return payloadOf(db, audit, row, lines);
        if (row.requestHash !== hash) throw keyReused(idempotencyKey!);
        return payloadOf(db, audit, row, await repo.findLinesOf(db, practiceId, [row.id]));
      }),
    async () => {
      // A concurrent retry with the same key won, or another desk created the appointment's draft meanwhile.
      const winner = await replay();
      if (winner) return winner;
      throw badInput([{ path: 'input.appointmentId', message: 'already has a superbill' }]);
    },
  );
}

/**
 * Changes a DRAFT superbill at a known version; given diagnoses or lines replace the current ones, and
 * everything is checked again (pointers, codes, charges, the payer's modifier 95 rule).
 * @throws NOT_FOUND, VERSION_CONFLICT, BAD_USER_INPUT (rules; not a DRAFT)
 */
export async function updateSuperbill(db: Db, principal: Principal, audit: AuditTrail, input: UpdateSuperbillInput): Promise<SuperbillPayload> {
  const practiceId = principal.practiceId;
  const { row, lines } = await db.transaction(async (tx) => {
    const cur = await repo.lockSuperbill(tx, practiceId, input.id);
    if (!cur) throw notFound('Superbill', input.id);
    if (cur.version !== input.expectedVersion) throw versionConflict('Superbill', input.id, input.expectedVersion, cur.version);
    if (!allows(cur.status as SuperbillStatus, 'EDIT')) throw wrongStatus(cur.id, cur.status, 'changed; use correctSuperbill');
    const payer = input.payerId === undefined ? await payerOf(tx, practiceId, cur.payerId, cur.patientId, cur.dateOfService) : await payerOf(tx, practiceId, input.payerId, cur.patientId, cur.dateOfService);
    const [diagnoses, stored] = await Promise.all([repo.findDiagnosesOf(tx, practiceId, [cur.id]), repo.findLinesOf(tx, practiceId, [cur.id])]);
    const content = await buildContent(tx, { practiceId, dateOfService: cur.dateOfService, telehealth95: cur.telehealth && payer.modifier95, base: 'input' }, input.diagnoses ?? diagnoses.map((d) => d.code), input.lines ?? draftsOf(stored));
    const patch: repo.SuperbillPatch = { payerId: payer.payerId, totalChargeCents: content.totalCharge, billingProvider: await billingIdentity(tx, practiceId) };
    if (input.referringProvider !== undefined) Object.assign(patch, { referringProviderName: input.referringProvider?.name.trim() ?? null, referringProviderNpi: input.referringProvider?.npi ?? null });
    if (input.priorAuthorizationNumber !== undefined) patch.priorAuthorizationNumber = input.priorAuthorizationNumber?.trim() || null;
    if (input.copayCollected != null) {
      if (input.copayCollected < 0) throw badInput([{ path: 'input.copayCollected', message: 'must not be negative' }]);
      patch.copayCollectedCents = input.copayCollected;
    }
    const updated = await repo.updateSuperbillIfVersion(tx, practiceId, cur.id, input.expectedVersion, patch);
    if (!updated) throw versionConflict('Superbill', input.id, input.expectedVersion, input.expectedVersion + 1);
    await repo.replaceContent(tx, practiceId, cur.id, content.diagnoses, content.lines);
    await audit.write(tx, 'UPDATE', 'Superbill', cur.id, cur.patientId);
    return { row: updated, lines: content.lines };
  });
  return payloadOf(db, audit, row, lines);
}
