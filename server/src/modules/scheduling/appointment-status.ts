/** The appointment status machine (FHIR-like), pure. */

export enum AppointmentStatus {
  /** A waitlist offer holding the time (managed by the engagement module). */
  HELD = 'HELD',
  BOOKED = 'BOOKED',
  CONFIRMED = 'CONFIRMED',
  ARRIVED = 'ARRIVED',
  IN_ROOM = 'IN_ROOM',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  NO_SHOW = 'NO_SHOW',
  ENTERED_IN_ERROR = 'ENTERED_IN_ERROR',
}

const S = AppointmentStatus;

const NEXT: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  // Accepting or releasing a hold is the waitlist's business, not these mutations'.
  [S.HELD]: [],
  [S.BOOKED]: [S.CONFIRMED, S.ARRIVED, S.CANCELLED, S.NO_SHOW, S.ENTERED_IN_ERROR],
  [S.CONFIRMED]: [S.ARRIVED, S.CANCELLED, S.NO_SHOW, S.ENTERED_IN_ERROR],
  // A patient who leaves the waiting room unseen is cancelled, not a no-show.
  [S.ARRIVED]: [S.IN_ROOM, S.CANCELLED, S.ENTERED_IN_ERROR],
  [S.IN_ROOM]: [S.COMPLETED, S.ENTERED_IN_ERROR],
  [S.COMPLETED]: [S.ENTERED_IN_ERROR],
  [S.CANCELLED]: [S.ENTERED_IN_ERROR],
  [S.NO_SHOW]: [S.ENTERED_IN_ERROR],
  [S.ENTERED_IN_ERROR]: [],
};

/** Whether an appointment may move from one status to another. */
export function canTransition(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return NEXT[from]?.includes(to) ?? false;
}

/** Statuses an appointment may move to from `from`. */
export const nextStatuses = (from: AppointmentStatus): readonly AppointmentStatus[] => NEXT[from] ?? [];

/** Statuses that still occupy the provider's and patient's time (mirrors the `active` column). */
export const isActiveStatus = (s: AppointmentStatus) => s !== S.CANCELLED && s !== S.NO_SHOW && s !== S.ENTERED_IN_ERROR;

/** Only appointments that have not started happening can be moved to another time. */
export const isReschedulable = (s: AppointmentStatus) => s === S.BOOKED || s === S.CONFIRMED;
