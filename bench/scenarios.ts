import { createHash, randomUUID } from 'node:crypto';
import { dateOfEpochDay, epochDay, instantOf } from '../server/src/modules/scheduling/zoned-time.js';
import { type Dataset, ZONE } from './dataset.js';

/** mulberry32: seeded, so every run draws the same sequence of request variables. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The uuid PostgreSQL's md5(label)::uuid gives. */
export function md5Uuid(label: string): string {
  const h = createHash('md5').update(label).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const DAY_QUERY = `query Day($locationId: ID!, $date: LocalDate!) {
  schedule(locationId: $locationId, date: $date, first: 200) { edges { node {
    id startsAt endsAt status modality checkIn { arrivedAt }
    patient { id mrn dateOfBirth legalName { given family } phones { number } }
    provider { id givenName familyName } appointmentType { id name } } } } }`;

export const SLOTS_QUERY = `query Slots($typeId: ID!, $locationId: ID!, $providerId: ID!, $from: DateTime!, $to: DateTime!) {
  availableSlots(appointmentTypeId: $typeId, locationId: $locationId, providerId: $providerId, from: $from, to: $to) { providerId startsAt } }`;

export const BOOK_MUTATION = `mutation Book($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { id status startsAt } } }`;

export type BodyMaker = () => string;

/** Request bodies for each scenario, drawing variables from a fixed distribution. */
export function scenarios(ds: Dataset, seed: number) {
  const rand = prng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const first = epochDay(ds.spec.firstDay);
  const today = epochDay(new Date().toISOString().slice(0, 10));
  const lastDay = first + ds.spec.days - 1;
  const futureDay = (span: number) => today + 1 + Math.floor(rand() * Math.max(1, lastDay - today - span));
  return {
    dayVariables: () => ({ locationId: pick(ds.locationIds), date: dateOfEpochDay(first + Math.floor(rand() * ds.spec.days)) }),
    day: (): string => JSON.stringify({ query: DAY_QUERY, variables: scenariosDay() }),
    slots: (): string => {
      const providerId = pick(ds.providerIds);
      const from = instantOf(ZONE, dateOfEpochDay(futureDay(30)), 0);
      return JSON.stringify({ query: SLOTS_QUERY, variables: { typeId: ds.typeId, providerId, locationId: ds.providerLocation.get(providerId), from: new Date(from).toISOString(), to: new Date(from + 30 * 86_400_000).toISOString() } });
    },
    book: (): string => {
      const providerId = pick(ds.providerIds);
      // 19:00–21:00 local is open in the rules and left free by the generator.
      const startsAt = new Date(instantOf(ZONE, dateOfEpochDay(futureDay(0)), 19 * 60 + 15 * Math.floor(rand() * 8))).toISOString();
      const patientId = md5Uuid(`bench-patient-${Math.floor(rand() * ds.spec.patients)}`);
      return JSON.stringify({
        query: BOOK_MUTATION,
        variables: { input: { idempotencyKey: `bench-${randomUUID()}`, patientId, providerId, locationId: ds.providerLocation.get(providerId), appointmentTypeId: ds.typeId, startsAt } },
      });
    },
  };
  function scenariosDay() {
    return { locationId: pick(ds.locationIds), date: dateOfEpochDay(first + Math.floor(rand() * ds.spec.days)) };
  }
}
