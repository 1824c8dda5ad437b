import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { todayIn } from '../../../server/src/lib/dates.js';
import { DEMO_HOOK_TIMEOUT, demoNow } from '../../helpers/demo-db.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

// The README's first steps, run as a new user would paste them into GraphiQL against the demo practice
// (only the dates, and the slot picked from the answer, are filled in, as the README asks).
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
const block = (start: string) => {
  const b = blocks.find((x) => x.includes(start));
  if (!b) throw new Error(`README has no GraphQL example with ${start}`);
  return b;
};

let server: TestServer;
let token: string;
// The run's demo is built around this instant; "today" below is its date, even if the run crosses midnight.
const seededAt = demoNow();
beforeAll(async () => {
  server = await startTestServer({}, { demo: true });
  token = await server.token(DEMO_PRACTICE_ID, [Role.FRONT_DESK]);
}, DEMO_HOOK_TIMEOUT);

describe("the README's first steps work as pasted on the demo practice", () => {
  it("shows today's day view in New York with patients arrived", async () => {
    const query = block('schedule(').replace(/date: "\d{4}-\d{2}-\d{2}"/, `date: "${todayIn('America/New_York', seededAt)}"`);
    const res = await server.gql(token, query);
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.schedule.edges.map((e: { node: { status: string } }) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.map((n: { status: string }) => n.status)).toContain('ARRIVED');
  });

  it('finds free slots and books one for Jonathan Smith', async () => {
    const from = new Date(Date.now() + 86_400_000).toISOString();
    const to = new Date(Date.now() + 6 * 86_400_000).toISOString();
    const slotsQuery = block('availableSlots(').replace(/from: "[^"]+"/, `from: "${from}"`).replace(/to: "[^"]+"/, `to: "${to}"`);
    const slots = await server.gql(token, slotsQuery);
    expect(slots.errors).toBeUndefined();
    const [slot] = slots.data!.availableSlots;
    expect(slot).toBeDefined();
    const booking = block('bookAppointment(').replace('PROVIDER_ID_FROM_A_SLOT', slot.providerId).replace('STARTS_AT_FROM_THE_SAME_SLOT', slot.startsAt);
    const res = await server.gql(token, booking);
    expect(res.errors).toBeUndefined();
    expect(res.data!.bookAppointment.appointment).toMatchObject({ status: 'BOOKED', startsAt: slot.startsAt });
  });

  it('finds Jonathan Smith with a typo', async () => {
    const res = await server.gql(token, block('patients('));
    expect(res.errors).toBeUndefined();
    expect(res.data!.patients.edges[0].node.legalName).toEqual({ given: 'Jonathan', family: 'Smith' });
  });
});
