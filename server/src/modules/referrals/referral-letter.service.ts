import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { practices } from '../../db/schema/practices.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound } from '../../graphql/errors.js';
import type { Loaders } from '../../graphql/loaders.js';
import { isUuid } from '../../lib/uuid.js';
import { renderPdf } from '../../pdf/pdf-document.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { describeCodes } from '../codes/code.service.js';
import { readPracticeToday } from '../tasks/practice-today.js';
import { referralLetterDocument } from './referral-letter.pdf.js';
import { findReferralsByIds } from './referral.repo.js';
import type { ReferralLetter } from './referral.type.js';

/**
 * Renders an outgoing referral's letter (PDF, for faxing). Audited as reads of the referral and the patient
 * and an EXPORT of the referral.
 * @throws NOT_FOUND (also another practice's), BAD_USER_INPUT (an incoming referral has no letter)
 */
export async function referralLetter(db: Db, principal: Principal, loaders: Loaders, audit: AuditTrail, id: string): Promise<ReferralLetter> {
  const p = principal.practiceId;
  const [r] = isUuid(id) ? await findReferralsByIds(db, p, [id]) : [];
  if (!r) throw notFound('Referral', id);
  if (r.direction !== 'OUTGOING' || !r.providerId) throw badInput([{ path: 'id', message: 'is an incoming referral: only outgoing referrals have a letter' }]);
  const [patient, provider, specialist, practice, today] = await Promise.all([
    loaders.patient.load(r.patientId),
    loaders.provider.load(r.providerId),
    loaders.externalProvider.load(r.externalProviderId),
    db.select({ name: practices.name }).from(practices).where(eq(practices.id, p)),
    readPracticeToday(db, p),
  ]);
  if (!patient || !provider || !specialist) throw notFound('Referral', id);
  const described = await describeCodes(db, p, { dateOfService: r.sentOn ?? today, diagnoses: r.diagnosisCodes });
  audit.read('Referral', r.id, r.patientId);
  audit.read('Patient', patient.id, patient.id);
  const phone = patient.phones.find((x) => x.primary)?.number ?? patient.phones[0]?.number ?? null;
  const bytes = await renderPdf(
    referralLetterDocument({
      date: r.sentOn ?? today,
      practiceName: practice[0]?.name ?? '',
      specialist: { name: specialist.name, organization: specialist.organization, npi: specialist.npi, specialty: specialist.specialty, phone: specialist.phone, fax: specialist.fax },
      referringProvider: { name: [provider.givenName, provider.familyName, provider.credentials].filter(Boolean).join(' '), npi: provider.npi },
      patient: { name: [patient.givenName, patient.familyName].join(' '), dateOfBirth: patient.dateOfBirth, mrn: patient.mrn, phone },
      reason: r.reason,
      urgency: r.urgency,
      diagnoses: described.diagnoses.map((d) => ({ display: d.display, description: d.description })),
      authorization: { number: r.authorizationNumber, visits: r.authorizedVisits, validFrom: r.authorizationFrom, validTo: r.authorizationTo },
      attachments: r.attachments.map((a) => a.label),
      referralId: r.id,
    }),
  );
  await audit.write(db, 'EXPORT', 'Referral', r.id, r.patientId);
  return { fileName: `referral-${r.id.slice(0, 8)}.pdf`, contentType: 'application/pdf', base64: Buffer.from(bytes).toString('base64'), byteLength: bytes.length };
}
