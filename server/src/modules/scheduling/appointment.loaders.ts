import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { groupByKeys, orderByKeys } from '../../lib/order-by-keys.js';
import { findAppointmentTypesByIds } from './appointment-type.repo.js';
import type { AppointmentTypeRow } from './appointment-type.type.js';
import type { AppointmentRow } from './appointment.mapper.js';
import { findAppointmentsByIds, findAppointmentsOfPatients } from './appointment.repo.js';
import { wellFormed } from './ids.js';

/** Per-request scheduling loaders, scoped to one practice. */
export function createSchedulingLoaders(db: Db, practiceId: string) {
  const patientAppointments = new Map<string, DataLoader<string, AppointmentRow[]>>();
  return {
    appointment: new DataLoader<string, AppointmentRow | null>(async (ids) => orderByKeys(ids, await findAppointmentsByIds(db, practiceId, ids), (r) => r.id)),
    appointmentType: new DataLoader<string, AppointmentTypeRow | null>(async (ids) => orderByKeys(ids, await findAppointmentTypesByIds(db, practiceId, wellFormed(ids)), (r) => r.id)),
    /** Appointments of many patients from an instant, one loader (one batch) per (from, limit). */
    patientAppointments(from: Date, limit: number): DataLoader<string, AppointmentRow[]> {
      const key = `${from.toISOString()}|${limit}`;
      let loader = patientAppointments.get(key);
      if (!loader) {
        loader = new DataLoader(async (ids) => groupByKeys(ids, await findAppointmentsOfPatients(db, practiceId, ids, from, limit), (r) => r.patientId));
        patientAppointments.set(key, loader);
      }
      return loader;
    },
  };
}
