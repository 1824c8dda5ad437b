import { type GraphQLObjectType, type GraphQLSchema, getNamedType, isObjectType, isNonNullType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { USER_ROLES } from '../../../server/src/graphql/access.js';
import { allows, type Principal } from '../../../server/src/graphql/auth.js';
import { buildSchema, resolvers } from '../../../server/src/graphql/build-schema.js';
import { objectFieldRules } from '../../../server/src/graphql/field-rules.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { rootFieldRules } from '../../../server/src/graphql/root-fields.js';
import { ALL_SCOPES, Scope } from '../../../server/src/graphql/scopes.js';
import { insertAppointment, officeWithProvider } from '../../factories/appointment.factory.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { appeals } from '../../../server/src/db/schema/appeals.js';
import { billingProfiles } from '../../../server/src/db/schema/billing.js';
import { remittanceClaims, remittances } from '../../../server/src/db/schema/remittances.js';
import { ensureCodeFixture } from '../../../server/src/modules/codes/code-fixture.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { VERIFY } from '../insurance/eligibility-setup.js';

let server: TestServer;
let schema: GraphQLSchema;
let world: { practiceId: string; patientId: string; appointmentId: string; locationId: string; providerId: string; coverageId: string; day: string; claimId: string };
/** One caller per user role and per scope, with its token. */
let callers: { name: string; principal: Principal; token: string }[];

beforeAll(async () => {
  server = await startTestServer();
  schema = await buildSchema();
  const db = server.database.db;
  const { practiceId, location, provider, type } = await officeWithProvider(db);
  const patient = await insertPatient(db, practiceId, { notes: 'Synthetic office note' });
  const startsAt = new Date(Date.now() + 3 * 86_400_000);
  startsAt.setUTCHours(15, 0, 0, 0);
  const refs = { patientId: patient.id, providerId: provider.id, locationId: location.id, appointmentTypeId: type.id };
  // ARRIVED, so it can have a superbill (Appointment.superbill leads back to the patient and its notes).
  const appointment = await insertAppointment(db, practiceId, refs, startsAt, { reason: 'Synthetic reason', notes: 'Synthetic visit note', status: 'ARRIVED' });
  const desk = await server.token(practiceId, [Role.FRONT_DESK]);
  await db.insert(billingProfiles).values({ practiceId, legalName: 'Synthetic Practice LLC', tin: '123456789', groupNpi: '1234567893', taxonomyCode: '207Q00000X', billingAddress: { line1: '1 Billing Way', city: 'Albany', state: 'NY', postalCode: '12207', country: 'US' } });
  await ensureCodeFixture(db);
  const superbill = await server.gql(desk, 'mutation($i: CreateSuperbillInput!) { createSuperbill(input: $i) { superbill { id version } } }', {
    i: { appointmentId: appointment.id, diagnoses: ['I10'], lines: [{ code: '99213', unitCharge: 10_000, diagnosisPointers: ['A'] }] },
  });
  expect(superbill.errors).toBeUndefined();
  const payer = await insertPayer(db, practiceId);
  const added = await server.gql(desk, 'mutation($i: AddCoverageInput!) { addCoverage(input: $i) { coverage { id } } }', { i: { patientId: patient.id, payerId: payer.id, memberId: 'SYN123456', effectiveDate: '2026-01-01' } });
  const recall = await server.gql(desk, 'mutation($i: CreateRecallInput!) { createRecall(input: $i) { recall { id } } }', { i: { patientId: patient.id, locationId: location.id, dueDate: '2026-01-02', reason: 'Synthetic recall' } });
  expect([added.errors, recall.errors]).toEqual([undefined, undefined]);
  // An eligibility answer for the visit's date, so Appointment.eligibility has data to refuse or give.
  const checked = await server.gql(desk, VERIFY, { input: { coverageId: added.data!.addCoverage.coverage.id, providerId: provider.id, dateOfService: startsAt.toISOString().slice(0, 10) } });
  expect(checked.errors).toBeUndefined();
  // A finalized superbill billed to the coverage, so Superbill.claims and Claim.* have data to refuse or give.
  const sb = superbill.data!.createSuperbill.superbill;
  const finalized = await server.gql(desk, 'mutation($i: FinalizeSuperbillInput!) { finalizeSuperbill(input: $i) { superbill { id } } }', { i: { id: sb.id, expectedVersion: sb.version } });
  const claimed = await server.gql(await server.token(practiceId, [Role.BILLER]), 'mutation($i: CreateClaimsInput!) { createClaims(input: $i) { claims { id } } }', { i: { superbillId: sb.id } });
  expect([finalized.errors, claimed.errors, claimed.data?.createClaims.claims.length]).toEqual([undefined, undefined, 1]);
  // A denial posted for that claim and a DRAFT appeal carrying the payer's letter, so Claim.appeals and Appeal.documents have data to refuse or give.
  const claimId = claimed.data!.createClaims.claims[0].id as string;
  const [remittance] = await db.insert(remittances).values({ practiceId, status: 'POSTED', idempotencyKey: 'scopes-835', fileSha256: 'scopes-835', rawX12: 'ISA*synthetic~', postedBy: 'u' }).returning();
  const [denial] = await db
    .insert(remittanceClaims)
    .values({ practiceId, remittanceId: remittance!.id, claimIndex: 0, claimId, patientId: patient.id, payerId: payer.id, outcome: 'POSTED', patientAccountNumber: 'PA-1', statusCode: '4', chargeCents: 10_000, paidCents: 0 })
    .returning();
  const [appeal] = await db
    .insert(appeals)
    .values({ practiceId, claimId, patientId: patient.id, payerId: payer.id, remittanceClaimId: denial!.id, reason: 'Synthetic reason', letter: 'Synthetic letter', deniedCents: 10_000, reasonCodes: ['CO-197'], remittanceDate: '2026-03-20', deadline: '2026-09-16', createdBy: 'u' })
    .returning();
  const biller = await server.token(practiceId, [Role.BILLER]);
  const letterUrl = server.url.replace('/graphql', `/documents?${new URLSearchParams({ patientId: patient.id, type: 'PAYER_CORRESPONDENCE', documentDate: '2026-03-25', title: 'Synthetic denial letter' })}`);
  const uploaded = await fetch(letterUrl, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${biller}` }, body: 'Synthetic denial letter' });
  const letterId = ((await uploaded.json()) as { id: string }).id;
  const attached = await server.gql(biller, 'mutation($i: AttachAppealDocumentInput!) { attachAppealDocument(input: $i) { appeal { documents { note } } } }', { i: { appealId: appeal!.id, documentId: letterId } });
  expect([uploaded.status, attached.errors, attached.data?.attachAppealDocument.appeal.documents.length]).toEqual([201, undefined, 1]);
  // An order done at the visit with a task about it, so Appointment.orders, Order.patient and Order.tasks have data to refuse or give.
  const clinician = await server.token(practiceId, [Role.CLINICIAN]);
  const placed = await server.gql(clinician, 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { order { id version } } }', { i: { patientId: patient.id, orderingProviderId: provider.id, kind: 'LAB', codes: ['2345-7'] } });
  const order = placed.data?.placeOrder.order as { id: string; version: number };
  const scheduled = await server.gql(clinician, 'mutation($i: MoveOrderInput!) { moveOrder(input: $i) { order { id } } }', { i: { id: order.id, expectedVersion: order.version, to: 'SCHEDULED', appointmentId: appointment.id } });
  const task = await server.gql(desk, 'mutation($i: CreateTaskInput!) { createTask(input: $i) { task { id } } }', { i: { title: 'Synthetic order follow-up', about: { type: 'ORDER', id: order.id }, queueRole: 'FRONT_DESK' } });
  expect([placed.errors, scheduled.errors, task.errors]).toEqual([undefined, undefined, undefined]);
  world = { practiceId, patientId: patient.id, appointmentId: appointment.id, locationId: location.id, providerId: provider.id, coverageId: added.data!.addCoverage.coverage.id, day: startsAt.toISOString().slice(0, 10), claimId: claimed.data!.createClaims.claims[0].id };
  callers = [
    ...(await Promise.all(USER_ROLES.map(async (role) => ({ name: role, principal: { userId: 'u', practiceId, roles: [role] }, token: await server.token(practiceId, [role]) })))),
    ...(await Promise.all(
      ALL_SCOPES.map(async (s) => ({ name: s, principal: { userId: 'c', practiceId, roles: [Role.PARTNER], scopes: [s], clientId: 'c' }, token: (await partnerToken(server, practiceId, [s])).token })),
    )),
  ];
});

/** A selection reaching one guarded field, and the rules it passes on the way. */
interface Probe {
  path: string;
  query: string;
  rules: string[][];
}

/** Every path of at most `depth` object hops from a root selection to a guarded field, without repeating a type. */
function probes(rootType: GraphQLObjectType, rootSelection: (inner: string) => string, rootRule: string[], label: string, depth = 4): Probe[] {
  const guarded = objectFieldRules();
  const out: Probe[] = [];
  const walk = (type: GraphQLObjectType, rules: string[][], names: string[], wrap: (inner: string) => string, seen: Set<string>) => {
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
      const rule = guarded.find((g) => g.type === type.name && g.field === field.name)?.rule;
      const target = getNamedType(field.type);
      const next = rule ? [...rules, rule] : rules;
      if (rule) out.push({ path: [...names, field.name].join('.'), query: wrap(isObjectType(target) ? `${field.name} { __typename }` : field.name), rules: next });
      if (isObjectType(target) && !seen.has(target.name) && names.length < depth) {
        walk(target, next, [...names, field.name], (inner) => wrap(`${field.name} { ${inner} }`), new Set([...seen, target.name]));
      }
    }
  };
  walk(rootType, [rootRule], [label], rootSelection, new Set([rootType.name]));
  return out;
}

describe('every nested path to a guarded field answers each role and scope like its rules say', () => {
  it('gives data or FORBIDDEN consistently with the rules along the path (patient, appointment, day view, recalls)', async () => {
    const rule = (name: string) => rootFieldRules(resolvers).find((r) => r.operation === 'Query' && r.name === name)!.roles!;
    const t = (name: string) => schema.getType(name) as GraphQLObjectType;
    const all = [
      ...probes(t('Patient'), (inner) => `{ patient(id: "${world.patientId}") { ${inner} } }`, rule('patient'), 'patient'),
      ...probes(t('Appointment'), (inner) => `{ appointment(id: "${world.appointmentId}") { ${inner} } }`, rule('appointment'), 'appointment'),
      ...probes(t('Appointment'), (inner) => `{ schedule(locationId: "${world.locationId}", date: "${world.day}") { edges { node { ${inner} } } } }`, rule('schedule'), 'schedule.node', 3),
      ...probes(t('Recall'), (inner) => `{ recallsDue(locationId: "${world.locationId}", before: "2026-12-31") { edges { node { ${inner} } } } }`, rule('recallsDue'), 'recallsDue.node', 3),
      ...probes(t('Claim'), (inner) => `{ claim(id: "${world.claimId}") { ${inner} } }`, rule('claim'), 'claim', 3),
    ];
    // The walk reaches the paths the review named.
    for (const p of ['claim.patient.notes', 'appointment.superbill.claims.patient.notes', 'patient.appointments.notes', 'patient.appointments.reason', 'patient.appointments.cancelReason', 'patient.appointments.checkIn', 'appointment.patient.notes', 'schedule.node.patient.phones', 'recallsDue.node.reason', 'claim.appeals.documents'])
      expect(all.map((x) => x.path)).toContain(p);
    const wrong: string[] = [];
    for (const probe of all) {
      await Promise.all(
        callers.map(async (c) => {
          const res = await server.gql(c.token, probe.query);
          const expected = probe.rules.every((r) => allows(c.principal, r));
          const codes = (res.errors ?? []).map((e) => e.extensions.code);
          const forbidden = codes.includes('FORBIDDEN');
          if (expected ? codes.length > 0 : !forbidden) wrong.push(`${c.name} ${probe.path}: expected ${expected ? 'data' : 'FORBIDDEN'}, got ${codes.join(',') || 'data'}`);
          if (!expected && /Synthetic/.test(JSON.stringify(res.data))) wrong.push(`${c.name} ${probe.path}: free text leaked`);
        }),
      );
    }
    expect(all.length).toBeGreaterThan(40);
    expect(wrong).toEqual([]);
    // About 1,200 requests (every path × every role and scope): ~20 s alone, minutes on a loaded machine.
  }, 600_000);
});

describe('what the partner review found', () => {
  const tokenFor = (scopes: Scope[]) => partnerToken(server, world.practiceId, scopes).then((p) => p.token);

  it('a demographics + scheduling client reads who and when, never clinical text, check-in, contacts or join links', async () => {
    const token = await tokenFor([Scope.PATIENTS_READ_DEMOGRAPHICS, Scope.SCHEDULING_READ]);
    const ok = await server.gql(token, `{ patient(id: "${world.patientId}") { mrn legalName { family } dateOfBirth appointments { id startsAt status provider { id } } } }`);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.patient.appointments).toEqual([expect.objectContaining({ id: world.appointmentId, status: 'ARRIVED' })]);
    for (const q of [
      `{ patient(id: "${world.patientId}") { appointments { reason } } }`,
      `{ patient(id: "${world.patientId}") { appointments { notes } } }`,
      `{ patient(id: "${world.patientId}") { appointments { cancelReason } } }`,
      `{ patient(id: "${world.patientId}") { appointments { checkIn { arrivedAt } } } }`,
      `{ patient(id: "${world.patientId}") { notes phones { number } email } }`,
      `{ telehealthJoinUrl(appointmentId: "${world.appointmentId}") { url } }`,
      `{ recallsDue(locationId: "${world.locationId}", before: "2026-12-31") { edges { node { id } } } }`,
      `{ coverage(id: "${world.coverageId}") { memberId } }`,
    ]) {
      const res = await server.gql(token, q);
      expect(res.errors?.[0]?.extensions.code, q).toBe('FORBIDDEN');
      expect(JSON.stringify(res.data)).not.toMatch(/Synthetic|SYN123456/);
    }
  });

  it('a client without patients:read-demographics cannot list or search patients', async () => {
    const token = await tokenFor([Scope.SCHEDULING_READ, Scope.ELIGIBILITY_WRITE, Scope.BILLING_READ]);
    const res = await server.gql(token, '{ patients(first: 5) { totalCount edges { node { id } } } }');
    expect(res.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(res.data).toBeNull();
  });

  it('an eligibility:write client runs an eligibility check and reads the coverage it needs', async () => {
    const token = await tokenFor([Scope.ELIGIBILITY_WRITE]);
    const coverage = await server.gql(token, `{ coverage(id: "${world.coverageId}") { memberId payer { name } } }`);
    expect(coverage.errors).toBeUndefined();
    expect(coverage.data!.coverage.memberId).toBe('SYN123456');
    const res = await server.gql(token, VERIFY, { input: { coverageId: world.coverageId, providerId: world.providerId, dateOfService: world.day } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.verifyEligibility.check).toMatchObject({ coverageId: world.coverageId, patientId: world.patientId });
    const raw = await server.gql(token, `{ eligibilityChecks(coverageId: "${world.coverageId}") { edges { node { raw270 } } } }`);
    expect(raw.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const reader = await tokenFor([Scope.ELIGIBILITY_READ]);
    const refused = await server.gql(reader, VERIFY, { input: { coverageId: world.coverageId, providerId: world.providerId, dateOfService: world.day } });
    expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
