/** GraphQL documents shared by the scheduling integration tests. */
export const APPT_FIELDS = 'id status startsAt endsAt version modality placeOfServiceCode outsideAvailabilityOverride providerId patientId';

export const BOOK = /* GraphQL */ `
  mutation Book($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { ${APPT_FIELDS} } } }`;

export const RESCHEDULE = /* GraphQL */ `
  mutation Reschedule($input: RescheduleAppointmentInput!) { rescheduleAppointment(input: $input) { appointment { ${APPT_FIELDS} } } }`;

export const CANCEL = /* GraphQL */ `
  mutation Cancel($input: CancelAppointmentInput!) { cancelAppointment(input: $input) { appointment { ${APPT_FIELDS} cancelReason cancelledBy cancelledAt } } }`;

export const CHANGE_STATUS = /* GraphQL */ `
  mutation Change($input: ChangeAppointmentStatusInput!) { changeAppointmentStatus(input: $input) { appointment { ${APPT_FIELDS} } } }`;

export const NO_SHOW = /* GraphQL */ `
  mutation NoShow($id: ID!) { markNoShow(id: $id) { appointment { ${APPT_FIELDS} } } }`;

export const CHECK_IN = /* GraphQL */ `
  mutation CheckIn($id: ID!, $input: CheckInInput!) {
    checkInPatient(appointmentId: $id, input: $input) { appointment { ${APPT_FIELDS} checkIn { arrivedAt late minutesLate copayDue intakeFormsStatus demographicsConfirmed insuranceCardConfirmed checkedInBy } } }
  }`;

export const HISTORY = /* GraphQL */ `
  query History($id: ID!) { appointmentStatusHistory(appointmentId: $id) { fromStatus toStatus changedBy note } }`;

export const SLOTS = /* GraphQL */ `
  query Slots($typeId: ID!, $locationId: ID!, $from: DateTime!, $to: DateTime!, $providerId: ID, $modality: Modality) {
    availableSlots(appointmentTypeId: $typeId, locationId: $locationId, from: $from, to: $to, providerId: $providerId, modality: $modality) { providerId startsAt endsAt }
  }`;

export const SCHEDULE = /* GraphQL */ `
  query Day($locationId: ID!, $date: LocalDate!, $first: Int, $after: String, $providerIds: [ID!]) {
    schedule(locationId: $locationId, date: $date, first: $first, after: $after, providerIds: $providerIds) {
      edges { cursor node { id startsAt status modality
        patient { id mrn dateOfBirth legalName { given family } phones { number } }
        provider { id familyName } appointmentType { id name durationMinutes } checkIn { arrivedAt late } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

let k = 0;
/** A bookAppointment input with a fresh idempotency key. */
export const bookInput = (ids: { patientId: string; providerId: string; locationId: string; appointmentTypeId: string }, startsAt: string, extra: Record<string, unknown> = {}) => ({
  idempotencyKey: `key-${process.pid}-${++k}-${Math.random().toString(36).slice(2, 8)}`,
  ...ids,
  startsAt,
  ...extra,
});
