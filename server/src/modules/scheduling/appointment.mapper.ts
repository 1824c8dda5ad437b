import type { appointmentStatusHistory, appointments } from '../../db/schema/scheduling.js';
import type { AppointmentStatus } from './appointment-status.js';
import type { Modality } from './appointment-type.type.js';
import type { Appointment, AppointmentStatusChange, CheckIn, Preloaded } from './appointment.type.js';

export type AppointmentRow = typeof appointments.$inferSelect;
export type StatusHistoryRow = typeof appointmentStatusHistory.$inferSelect;

/** The check-in JSON as stored (instants as ISO strings). */
export interface CheckInJson {
  arrivedAt: string;
  demographicsConfirmed: boolean;
  insuranceCardConfirmed: boolean;
  intakeFormsStatus: string;
  copayDue: number;
  /** Absent on check-ins recorded before copays were posted as payments. */
  copayCollected?: number;
  copayPaymentId?: string | null;
  late: boolean;
  minutesLate: number;
  checkedInBy: string;
}

function toCheckIn(json: Record<string, unknown> | null): CheckIn | null {
  if (!json) return null;
  const c = json as unknown as CheckInJson;
  return { ...c, copayCollected: c.copayCollected ?? 0, copayPaymentId: c.copayPaymentId ?? null, arrivedAt: new Date(c.arrivedAt), intakeFormsStatus: c.intakeFormsStatus as CheckIn['intakeFormsStatus'] };
}

/** Table row → GraphQL object (with rows fetched alongside, if any). */
export function toAppointment(r: AppointmentRow, preloaded?: Preloaded): Appointment {
  return {
    id: r.id,
    patientId: r.patientId,
    providerId: r.providerId,
    locationId: r.locationId,
    appointmentTypeId: r.appointmentTypeId,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    status: r.status as AppointmentStatus,
    modality: r.modality as Modality,
    placeOfServiceCode: r.placeOfServiceCode,
    reason: r.reason,
    notes: r.notes,
    outsideAvailabilityOverride: r.outsideAvailabilityOverride,
    cancelReason: r.cancelReason,
    cancelledBy: r.cancelledBy,
    cancelledAt: r.cancelledAt,
    checkIn: toCheckIn(r.checkIn ?? null),
    // Undefined (not null) when the row was read without the column (the day view reads only what is selected).
    roomId: r.roomId,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    preloaded,
  };
}

export const toStatusChange = (r: StatusHistoryRow): AppointmentStatusChange => ({
  id: r.id,
  fromStatus: r.fromStatus as AppointmentStatus | null,
  toStatus: r.toStatus as AppointmentStatus,
  changedBy: r.changedBy,
  changedAt: r.changedAt,
  note: r.note,
});
