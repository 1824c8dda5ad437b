import { beforeAll, describe, expect, it } from 'vitest';
import { externalProviders, referrals } from '../../../server/src/db/schema/referrals.js';
import { orders } from '../../../server/src/db/schema/orders.js';
import { syntheticNpi } from '../../../server/src/demo/synthetic.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { todayIn } from '../../../server/src/lib/dates.js';
import { addDays } from '../../../server/src/lib/local-time.js';
import { ensureTasks } from '../../../server/src/modules/tasks/task-create.js';
import { insertAppointment, officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

// Issue 16: Patient.referrals, Patient.orders, Patient.tasks and Appointment.orders, batched and audited.
const PATIENTS = `query($f: Int) { patients(first: $f) { edges { node { id referrals { id status patientId } orders { id status appointmentId } tasks { id title overdue } } } } }`;
const SCHEDULE = `query($l: ID!, $d: LocalDate!) { schedule(locationId: $l, date: $d) { edges { node { id orders { id kind } } } } }`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

let npi = 520000000;
/** A practice with `n` patients, patient i having i+1 referrals, i+1 orders (the first at a visit today) and i+1 open tasks plus a done one. */
async function office(n: number) {
  const db = server.database.db;
  const { practiceId, location, provider, type } = await officeWithProvider(db);
  const today = todayIn('America/New_York');
  npi += 7919;
  const [specialist] = await db.insert(externalProviders).values({ practiceId, name: 'Dr. Example Specialist', npi: syntheticNpi(npi) }).returning();
  const made = [];
  for (let i = 0; i < n; i++) {
    const patient = await insertPatient(db, practiceId);
    const visit = await insertAppointment(db, practiceId, { patientId: patient.id, providerId: provider.id, locationId: location.id, appointmentTypeId: type.id }, new Date(`${today}T${String(14 + i).padStart(2, '0')}:00:00Z`));
    const refs = await db
      .insert(referrals)
      .values(Array.from({ length: i + 1 }, (_, k) => ({ practiceId, direction: 'OUTGOING', patientId: patient.id, providerId: provider.id, externalProviderId: specialist!.id, reason: `reason ${k}`, status: k === 0 ? 'DRAFT' : 'SENT', createdBy: 'doc-1', createdAt: new Date(Date.UTC(2026, 0, 1 + k)) })))
      .returning();
    const ords = await db
      .insert(orders)
      .values(Array.from({ length: i + 1 }, (_, k) => ({ practiceId, patientId: patient.id, orderingProviderId: provider.id, kind: k === 0 ? 'PROCEDURE' : 'LAB', codes: ['80053'], appointmentId: k === 0 ? visit.id : null, orderedBy: 'doc-1', createdAt: new Date(Date.UTC(2026, 0, 1 + k)) })))
      .returning();
    const specs = Array.from({ length: i + 1 }, (_, k) => ({ sourceKey: `t:${patient.id}:${k}`, title: `task ${k}`, patientId: patient.id, queueRole: 'FRONT_DESK', dueDate: addDays(today, k === 1 ? -2 : 3 + k) }));
    const tasks = await db.transaction(async (tx) => (await ensureTasks(tx, practiceId, 'test', [...specs, { sourceKey: `t:${patient.id}:done`, title: 'done', patientId: patient.id, queueRole: 'FRONT_DESK' }])).created);
    await db.execute(`update tasks set status = 'DONE' where source_key = 't:${patient.id}:done'`);
    made.push({ patient, visit, refs, ords, tasks: tasks.filter((t) => t.title !== 'done') });
  }
  return { practiceId, location, today, made, token: (roles: Role[]) => server.token(practiceId, roles) };
}

describe('reverse fields of the loops', () => {
  it('a page of patients reads their referrals, orders and open tasks in a fixed number of statements, each read audited', async () => {
    const o = await office(3);
    const desk = await o.token([Role.FRONT_DESK]);
    const one = await server.gql(desk, PATIENTS, { f: 1 });
    const three = await server.gql(desk, PATIENTS, { f: 3 });
    expect(three.errors).toBeUndefined();
    expect(three.extensions!.stats!.sqlStatements).toBe(one.extensions!.stats!.sqlStatements);
    const byId = new Map(three.data!.patients.edges.map((e: any) => [e.node.id, e.node]));
    for (const m of o.made) {
      const node = byId.get(m.patient.id) as any;
      // Newest first.
      expect(node.referrals.map((r: any) => r.id)).toEqual([...m.refs].reverse().map((r) => r.id));
      expect(node.referrals.every((r: any) => r.patientId === m.patient.id)).toBe(true);
      expect(node.orders.map((x: any) => x.id)).toEqual([...m.ords].reverse().map((x) => x.id));
      // Open tasks only, overdue first.
      expect(node.tasks).toHaveLength(m.tasks.length);
      if (m.tasks.length > 1) expect(node.tasks[0]).toMatchObject({ title: 'task 1', overdue: true });
    }
    const audited = async (entityType: string) => new Set((await auditEntries(server.database.db, { practiceId: o.practiceId, action: 'READ', entityType })).map((r) => r.entityId));
    expect(await audited('Referral')).toEqual(new Set(o.made.flatMap((m) => m.refs.map((r) => r.id))));
    expect(await audited('Order')).toEqual(new Set(o.made.flatMap((m) => m.ords.map((r) => r.id))));
    expect(await audited('Task')).toEqual(new Set(o.made.flatMap((m) => m.tasks.map((t) => t.id))));
  });

  it("the day view reads each appointment's orders in a fixed number of statements", async () => {
    const o = await office(3);
    const desk = await o.token([Role.CLINICIAN]);
    const q = { l: o.location.id, d: o.today };
    const res = await server.gql(desk, SCHEDULE, q);
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.schedule.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => [n.id, n.orders.map((x: any) => x.id)])).toEqual(o.made.map((m) => [m.visit.id, [m.ords[0]!.id]]));
    const small = await office(1);
    const one = await server.gql(await small.token([Role.CLINICIAN]), SCHEDULE, { l: small.location.id, d: small.today });
    expect(one.data!.schedule.edges).toHaveLength(1);
    expect(res.extensions!.stats!.sqlStatements).toBe(one.extensions!.stats!.sqlStatements);
  });

  it('is denied to roles the root lists deny, and never shows another practice', async () => {
    const o = await office(1);
    const other = await office(1);
    const analyst = await server.gql(await o.token([Role.ANALYST]), PATIENTS, { f: 5 });
    expect(analyst.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    // A partner that reads patients' demographics reaches the patient, never the nested loops.
    const { token: partner } = await partnerToken(server, o.practiceId, [Scope.PATIENTS_READ_DEMOGRAPHICS]);
    for (const field of ['referrals { id }', 'orders { id }', 'tasks { id }']) {
      const res = await server.gql(partner, `query { patients(first: 5) { edges { node { id ${field} } } } }`);
      expect(res.errors?.[0]?.extensions.code, field).toBe('FORBIDDEN');
    }
    const mine = await server.gql(await o.token([Role.BILLER]), PATIENTS, { f: 50 });
    const ids = mine.data!.patients.edges.flatMap((e: any) => [...e.node.referrals, ...e.node.orders, ...e.node.tasks].map((x: any) => x.id));
    const theirs = [...other.made[0]!.refs, ...other.made[0]!.ords, ...other.made[0]!.tasks].map((x) => x.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id: string) => theirs.includes(id))).toEqual([]);
  });
});
