import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, notFound } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { findAppointmentsByIds } from './refs.repo.js';
import { ensureTelehealthToken } from './telehealth.repo.js';
import { isUuid } from '../../lib/uuid.js';

const INACTIVE = new Set(['CANCELLED', 'NO_SHOW', 'ENTERED_IN_ERROR', 'COMPLETED']);

/**
 * The join link of a telehealth visit: the configured base URL plus a random 256-bit token made on
 * first request and kept (never the appointment id, which is not secret).
 * @param baseUrl - TELEHEALTH_BASE_URL, without a trailing slash
 * @throws SERVICE_UNAVAILABLE (not configured), NOT_FOUND, BAD_USER_INPUT (not telehealth, or over)
 */
export async function telehealthJoinUrl(db: Db, principal: Principal, audit: AuditTrail, baseUrl: string | undefined, appointmentId: string): Promise<string> {
  if (!baseUrl) throw new AppError('SERVICE_UNAVAILABLE', 'Telehealth links are not configured (TELEHEALTH_BASE_URL)');
  const p = principal.practiceId;
  const [appt] = isUuid(appointmentId) ? await findAppointmentsByIds(db, p, [appointmentId]) : [];
  if (!appt) throw notFound('Appointment', appointmentId);
  if (appt.modality !== 'TELEHEALTH') throw badInput([{ path: 'appointmentId', message: 'is not a telehealth visit' }]);
  if (INACTIVE.has(appt.status)) throw badInput([{ path: 'appointmentId', message: `is ${appt.status}` }]);
  audit.read('Appointment', appt.id, appt.patientId);
  const { token } = await db.transaction(async (tx) => {
    const link = await ensureTelehealthToken(tx, p, appt.id, randomBytes(32).toString('base64url'));
    if (link.created) await audit.write(tx, 'CREATE', 'TelehealthLink', appt.id, appt.patientId);
    return link;
  });
  return `${baseUrl}/${token}`;
}
