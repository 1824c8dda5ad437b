import { column, expr, one, sqlType } from '../../db/compile/sql-type.js';

/**
 * Check-in as toCheckIn maps it: null before arrival, a copay collected of 0 and no payment id when the
 * check-in was recorded before copays were posted as payments.
 */
const checkIn = (r: string) =>
  `case when jsonb_typeof(${r}.check_in) = 'object' then ${r}.check_in || jsonb_build_object('copayCollected', coalesce(nullif(${r}.check_in->'copayCollected', 'null'::jsonb), '0'::jsonb), 'copayPaymentId', ${r}.check_in->'copayPaymentId') end`;

/** Appointment read by the selection compiler (the day view); mirrors appointment.mapper toAppointment. */
export const APPOINTMENT_SQL = sqlType({
  type: 'Appointment',
  table: 'appointments',
  // The ids the field resolvers left to loaders read (room by roomId, the rest by id), and the patient the audit names.
  carries: ['id', 'patientId', 'providerId', 'locationId', 'appointmentTypeId', 'roomId'],
  fields: {
    id: column('id'),
    patientId: column('patient_id'),
    providerId: column('provider_id'),
    locationId: column('location_id'),
    appointmentTypeId: column('appointment_type_id'),
    startsAt: column('starts_at'),
    endsAt: column('ends_at'),
    status: column('status'),
    modality: column('modality'),
    placeOfServiceCode: column('place_of_service_code'),
    reason: column('reason'),
    notes: column('notes'),
    outsideAvailabilityOverride: column('outside_availability_override'),
    cancelReason: column('cancel_reason'),
    cancelledBy: column('cancelled_by'),
    cancelledAt: column('cancelled_at'),
    checkIn: expr(checkIn),
    roomId: column('room_id'),
    version: column('version'),
    createdAt: column('created_at'),
    updatedAt: column('updated_at'),
    patient: one((a, p) => `${p}.id = ${a}.patient_id and ${p}.practice_id = ${a}.practice_id`),
    provider: one((a, p) => `${p}.id = ${a}.provider_id and ${p}.practice_id = ${a}.practice_id`),
    appointmentType: one((a, t) => `${t}.id = ${a}.appointment_type_id and ${t}.practice_id = ${a}.practice_id`),
  },
});

/** AppointmentType read by the selection compiler; mirrors toAppointmentType (the row as it is). */
export const APPOINTMENT_TYPE_SQL = sqlType({
  type: 'AppointmentType',
  table: 'appointment_types',
  carries: ['id'],
  fields: {
    id: column('id'),
    name: column('name'),
    durationMinutes: column('duration_minutes'),
    modality: column('modality'),
    bufferBeforeMinutes: column('buffer_before_minutes'),
    bufferAfterMinutes: column('buffer_after_minutes'),
    minNoticeMinutes: column('min_notice_minutes'),
    maxAdvanceDays: column('max_advance_days'),
    color: column('color'),
    serviceTypeCode: column('service_type_code'),
    active: column('active'),
    version: column('version'),
  },
});
