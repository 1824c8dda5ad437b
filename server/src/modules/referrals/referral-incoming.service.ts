import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { addToWaitlist } from '../engagement/waitlist.service.js';
import { registerPatient } from '../patients/patient.service.js';
import type { Patient } from '../patients/patient.type.js';
import { findAboutRecord } from '../tasks/task-about.repo.js';
import { ensureTasks } from '../tasks/task-create.js';
import { loopTaskKey } from '../tasks/loop-tasks.js';
import { readPracticeToday } from '../tasks/practice-today.js';
import type { TaskRow } from '../tasks/task.repo.js';
import { TaskAboutType } from '../tasks/task.type.js';
import type { ReceiveReferralInput } from './referral.inputs.js';
import { toReferral } from './referral.mapper.js';
import * as repo from './referral.repo.js';
import { checkAuthorization, checkDiagnoses, checkExternalProvider } from './referral.service.js';
import { type Referral, ReferralStatus } from './referral.type.js';

export interface ReceiveResult {
  referral: Referral | null;
  likelyDuplicates: Patient[];
}

/**
 * Records a referral received from outside, in one transaction: the patient (an existing one, or registered
 * with the usual duplicate check — likely duplicates stop everything until confirmNotDuplicate), the booking
 * request on the waitlist, the referral (RECEIVED) and a FRONT_DESK task to book it (source key
 * `referral:<id>:book`, so once).
 * @returns the referral, or null with the likely duplicates to review (nothing stored)
 * @throws BAD_USER_INPUT (patient given twice or not at all, codes, dates), NOT_FOUND (patient, providers, booking refs)
 */
export async function receiveReferral(deps: { db: Db; principal: Principal; audit: AuditTrail }, input: ReceiveReferralInput): Promise<ReceiveResult> {
  const { db, principal, audit } = deps;
  const p = principal.practiceId;
  if ((input.patientId == null) === (input.newPatient == null)) throw badInput([{ path: 'input.patientId', message: 'give exactly one of patientId or newPatient' }]);
  checkAuthorization(input.authorization, 'input.authorization');
  const today = await readPracticeToday(db, p);
  if (input.patientId && !(await findAboutRecord(db, p, TaskAboutType.PATIENT, input.patientId))) throw notFound('Patient', input.patientId);
  await checkExternalProvider(db, p, input.referringProviderId, 'input.referringProviderId');
  if (input.providerId && !(await repo.findRefs(db, p, { providerId: input.providerId })).provider) throw notFound('Provider', input.providerId);
  const diagnosisCodes = await checkDiagnoses(db, p, input.diagnosisCodes, today, 'input.diagnosisCodes');
  const outcome = await db.transaction(async (tx) => {
    let patientId = input.patientId ?? null;
    if (input.newPatient) {
      const registered = await registerPatient(tx, principal, audit, input.newPatient, today);
      if (!registered.patient) return { referral: null, likelyDuplicates: registered.likelyDuplicates, created: [] as TaskRow[] };
      patientId = registered.patient.id;
    }
    const b = input.booking;
    const entry = await addToWaitlist(tx, principal, audit, { patientId: patientId!, providerId: b.providerId ?? input.providerId ?? null, appointmentTypeId: b.appointmentTypeId, locationId: b.locationId, preferredTimes: [], earliestDate: null, latestDate: b.latestDate ?? null, notes: 'Incoming referral' });
    const a = input.authorization;
    const r = await repo.insertReferral(tx, p, {
      direction: 'INCOMING',
      status: ReferralStatus.RECEIVED,
      patientId: patientId!,
      providerId: input.providerId ?? null,
      externalProviderId: input.referringProviderId,
      reason: input.reason.trim(),
      diagnosisCodes,
      urgency: input.urgency,
      attachments: input.attachments.map((x) => ({ reference: x.reference.trim(), label: x.label.trim() })),
      authorizationNumber: a?.number?.trim() || null,
      authorizedVisits: a?.visits ?? null,
      authorizationFrom: a?.validFrom ?? null,
      authorizationTo: a?.validTo ?? null,
      waitlistEntryId: entry.id,
      createdBy: principal.userId,
    });
    await repo.insertReferralHistory(tx, p, { referralId: r.id, fromStatus: null, toStatus: r.status, byUserId: principal.userId });
    await audit.write(tx, 'CREATE', 'Referral', r.id, r.patientId);
    await ensureTasks(tx, p, principal.userId, [
      { sourceKey: loopTaskKey.referralBook(r.id), title: 'Book the incoming referral', patientId: r.patientId, about: { type: 'REFERRAL', id: r.id }, queueRole: 'FRONT_DESK', priority: r.urgency === 'ROUTINE' ? 'NORMAL' : 'URGENT', dueDate: today },
    ]);
    return { referral: toReferral(r), likelyDuplicates: [] as Patient[] };
  });
  return { referral: outcome.referral, likelyDuplicates: outcome.likelyDuplicates };
}
