import type { PubSub } from '../../realtime/pubsub.js';
import type { AppointmentChangeKind } from './appointment-change.type.js';

/** What services publish after an appointment changes. Ids and codes only: events never carry PHI. */
export interface AppointmentChangedEvent {
  practiceId: string;
  appointmentId: string;
  kind: `${AppointmentChangeKind}`;
  status: string;
  startsAt: Date | string;
  providerId: string;
  locationId: string;
  /** When it happened; defaults to now. */
  at?: Date | string;
}

/** The serialized form carried through pub/sub (JSON-safe). */
export interface AppointmentChangedMessage extends Omit<AppointmentChangedEvent, 'startsAt' | 'at' | 'practiceId'> {
  startsAt: string;
  at: string;
}

/** One topic per practice and location, so a subscriber can only ever hear its own practice. */
export const appointmentTopic = (practiceId: string, locationId: string) => `appointmentChanged:${practiceId}:${locationId}`;

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();

/**
 * Publishes an appointment change to the location's subscribers (on every instance when Redis is
 * configured). Call it AFTER the transaction commits, so screens never see a change that rolled back.
 * A pub/sub failure does not undo the committed change: it is reported, not thrown.
 * @param source - the request context (anything with `pubsub`) or a PubSub
 * @param event - the change; `practiceId` routes it and is not sent
 * @returns true when handed to the pub/sub, false when publishing failed
 */
export async function publishAppointmentChanged(source: PubSub | { pubsub: PubSub }, event: AppointmentChangedEvent): Promise<boolean> {
  const pubsub = 'pubsub' in source ? source.pubsub : source;
  const message: AppointmentChangedMessage = {
    appointmentId: event.appointmentId,
    kind: event.kind,
    status: event.status,
    startsAt: iso(event.startsAt),
    providerId: event.providerId,
    locationId: event.locationId,
    at: iso(event.at ?? new Date()),
  };
  try {
    await pubsub.publish(appointmentTopic(event.practiceId, event.locationId), message);
    return true;
  } catch {
    return false;
  }
}
