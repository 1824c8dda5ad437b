import type { PubSub } from '../../realtime/pubsub.js';
import { publishAppointmentChanged } from '../engagement/appointment-change.publisher.js';
import type { AppointmentRow } from './appointment.mapper.js';

export type ChangeKind = 'BOOKED' | 'RESCHEDULED' | 'CANCELLED' | 'STATUS_CHANGED';

/** Tells the location's screens about a committed change (never throws; call after commit). */
export function announce(pubsub: PubSub, row: AppointmentRow, kind: ChangeKind): Promise<boolean> {
  return publishAppointmentChanged(pubsub, { practiceId: row.practiceId, appointmentId: row.id, kind, status: row.status, startsAt: row.startsAt, providerId: row.providerId, locationId: row.locationId });
}
