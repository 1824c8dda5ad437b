import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { superbills } from '../../../server/src/db/schema/superbills.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { insertSuperbill, replaceContent } from '../../../server/src/modules/superbills/superbill.repo.js';
import { createProvider } from '../../factories/appointment.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { billingWorld } from '../../factories/superbill.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

// The superbills page is read by the selection compiler (one statement); `superbill(id)` still maps rows
// and loads nested fields. Both must answer the same for every field.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const ADDRESS = 'address { line1 line2 city state postalCode country }';
const EVERY_FIELD = `id number status appointmentId patientId renderingProviderId locationId payerId
  billingProvider { name tin npi ${ADDRESS} } referringProvider { name npi } dateOfService placeOfServiceCode telehealth
  priorAuthorizationNumber copayCollected totalCharge balance supersedesId supersededById finalizedAt finalizedBy voidReason voidedAt
  createdAt updatedAt version
  diagnoses { pointer code description }
  lines { lineNumber code description modifiers units unitFee charge scheduleFee chargeOverrideReason diagnosisPointers note }
  patient { id mrn legalName { given middle family } preferredName dateOfBirth sexAtBirth status ${ADDRESS} version createdAt updatedAt }
  renderingProvider { id givenName familyName credentials npi taxonomyCode specialty active billsUnderGroup version createdAt updatedAt }
  location { id name phone timeZone placeOfServiceCode active version createdAt updatedAt ${ADDRESS} }`;
const page = (fields: string) => `query CompiledPage { superbills(first: 50) { totalCount edges { cursor node { ${fields} } } } }`;
const one = (fields: string) => `query OldPath($id: ID!) { superbill(id: $id) { ${fields} } }`;

/** A practice with 12 superbills of 3 patients and 2 providers, in every shape the mapper handles. */
async function world() {
  const db = server.database.db;
  const w = await billingWorld(server);
  const patients = [w.patient, await insertPatient(db, w.practiceId, { middleName: 'Quinn', address: { line1: '1 Synthetic St', city: 'Albany', state: 'NY', postalCode: '12207', country: 'US' } }), await insertPatient(db, w.practiceId)];
  const providers = [w.provider, await createProvider(db, w.practiceId, { credentials: 'MD' })];
  for (let i = 0; i < 12; i++) {
    const s = await insertSuperbill(db, w.practiceId, {
      status: 'DRAFT', patientId: patients[i % 3]!.id, renderingProviderId: providers[i % 2]!.id, locationId: w.location.id,
      appointmentId: i === 0 ? w.appointment.id : null, payerId: i % 4 === 0 ? w.payer95.id : null,
      billingProvider: { name: 'Synthetic Group', tin: i % 2 ? '123456789' : null, npi: '1234567893', address: i % 2 ? { line1: '100 Billing Way', city: 'Albany', state: 'NY', postalCode: '12207', country: 'US' } : null },
      referringProviderName: i % 3 === 0 ? 'Ref Synthetic' : i % 3 === 1 ? '' : null, referringProviderNpi: i % 3 === 0 ? '1234567893' : null,
      dateOfService: `2026-02-${String(10 + (i % 4)).padStart(2, '0')}`, placeOfServiceCode: i % 5 ? '11' : '10', telehealth: i % 5 === 0,
      priorAuthorizationNumber: i % 2 ? `PA${i}` : null, copayCollectedCents: i === 3 ? 99_999 : 2_500, totalChargeCents: 15_500, createdBy: 'seed',
    });
    const diagnoses = ['E119', 'I10', 'R51', 'Z0000'].slice(0, 1 + (i % 4)).map((code, k) => ({ position: k + 1, code, description: k ? `d${k}` : null }));
    await replaceContent(db, w.practiceId, s.id, diagnoses, i % 6 === 5 ? [] : [
      { position: 1, code: '99213', description: 'Office visit', modifiers: ['25', '95'], units: 2, unitFeeCents: 13_000, chargeCents: 26_000, scheduleFeeCents: 12_000, chargeOverrideReason: 'complex', diagnosisPointers: diagnoses.map((d) => d.position).reverse(), note: 'synthetic note' },
      { position: 2, code: '36415', description: null, modifiers: [], units: 1, unitFeeCents: 2_500, chargeCents: 2_500, scheduleFeeCents: null, chargeOverrideReason: null, diagnosisPointers: [1], note: null },
    ]);
    if (i % 4 === 1) await db.update(superbills).set({ status: 'FINALIZED', finalizedAt: new Date(), finalizedBy: 'user-x' }).where(eq(superbills.id, s.id));
    if (i % 4 === 2) await db.update(superbills).set({ status: 'VOIDED', voidedAt: new Date(), voidReason: 'entered in error' }).where(eq(superbills.id, s.id));
  }
  // The first request of a practice also checks that the practice exists (then cached): warm it.
  await server.gql(w.biller, '{ superbills(first: 1) { totalCount } }');
  return w;
}

type Node = Record<string, any> & { id: string; patientId: string };

describe('the compiled superbills page', () => {
  it('answers every field exactly as the mapped and loaded superbill(id) does, in one statement plus the audit flush', async () => {
    const w = await world();
    const res = await server.gql(w.biller, page(EVERY_FIELD));
    expect(res.errors).toBeUndefined();
    expect(res.extensions?.stats?.sqlStatements).toBe(2);
    const nodes = res.data!.superbills.edges.map((e: { node: Node }) => e.node) as Node[];
    expect(nodes).toHaveLength(12);
    expect(res.data!.superbills.totalCount).toBe(12);
    for (const node of nodes) {
      const old = await server.gql(w.biller, one(EVERY_FIELD), { id: node.id });
      expect(old.errors).toBeUndefined();
      expect(node).toEqual(old.data!.superbill);
    }
    // Spot checks of what the mapper computes, so equality above is not equality of two wrong answers.
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect([...byId.values()].some((n) => n.referringProvider === null)).toBe(true);
    expect(nodes.find((n) => n.copayCollected === 99_999)!.balance).toBe(0);
    expect(nodes.some((n) => n.diagnoses.some((d: { code: string }) => d.code === 'Z00.00'))).toBe(true);
    expect(nodes.some((n) => n.lines[0]?.diagnosisPointers.join('') === 'DCBA')).toBe(true);
  });

  it('a field the compiler does not read (Location.placeOfServiceName) falls back to its loader with the same answer', async () => {
    const w = await world();
    const fields = 'id location { id name placeOfServiceName } renderingProvider { id }';
    const res = await server.gql(w.biller, page(fields));
    expect(res.errors).toBeUndefined();
    // The page + the location loader + the audit flush.
    expect(res.extensions?.stats?.sqlStatements).toBe(3);
    const node = res.data!.superbills.edges[0].node;
    expect(node).toEqual((await server.gql(w.biller, one(fields), { id: node.id })).data!.superbill);
    expect(node.location.placeOfServiceName).toBe('Office');
  });

  it('aliases: the tree is keyed by field name and every alias still gets its value', async () => {
    const w = await world();
    const plain = await server.gql(w.biller, page('id number lines { code diagnosisPointers } patient { mrn }'));
    const aliased = await server.gql(w.biller, page('a: id n: number id ls: lines { c: code p: diagnosisPointers } ls2: lines { code } who: patient { m: mrn }'));
    expect(aliased.errors).toBeUndefined();
    const expected = plain.data!.superbills.edges.map(({ node }: { node: Node }) => ({
      a: node.id, n: node.number, id: node.id, ls: node.lines.map((l: Node) => ({ c: l.code, p: l.diagnosisPointers })), ls2: node.lines.map((l: Node) => ({ code: l.code })), who: { m: node.patient.mrn },
    }));
    expect(aliased.data!.superbills.edges.map((e: { node: Node }) => e.node)).toEqual(expected);
  });

  it('records the same audit entries as before: each superbill with its patient in page order, then each patient read once', async () => {
    const w = await world();
    const res = await server.gql(w.biller, page('id patientId patient { id }'));
    const nodes = res.data!.superbills.edges.map((e: { node: Node }) => e.node) as Node[];
    const reads = (await auditEntries(server.database.db, { practiceId: w.practiceId, action: 'READ' })).filter((e) => e.operationName === 'CompiledPage');
    const patientsInOrder = [...new Set(nodes.map((n) => n.patientId))];
    expect(reads.map((e) => [e.entityType, e.entityId, e.patientId])).toEqual([
      ...nodes.map((n) => ['Superbill', n.id, n.patientId]),
      ...patientsInOrder.map((p) => ['Patient', p, p]),
    ]);
    expect(new Set(reads.map((e) => e.batchId)).size).toBe(1);
  });

  it('role rules run on the tree: a billing partner without patients:read-demographics gets FORBIDDEN on patient, and no patient read is recorded', async () => {
    const w = await world();
    const partner = (await partnerToken(server, w.practiceId, [Scope.BILLING_READ])).token;
    const allowed = await server.gql(partner, page('id renderingProvider { id }'));
    expect(allowed.errors, JSON.stringify(allowed.errors)).toBeUndefined();
    expect(allowed.data!.superbills.edges).toHaveLength(12);
    // Superbill.patient and the page are non-null: the refusal nulls the whole answer, as before the compiler.
    const res = await server.gql(partner, page('id patient { id mrn }'));
    expect(res.data).toBeNull();
    expect(res.errors!.length).toBeGreaterThan(0);
    expect(res.errors!.every((e) => e.extensions.code === 'FORBIDDEN' && e.path?.at(-1) === 'patient')).toBe(true);
    const reads = (await auditEntries(server.database.db, { practiceId: w.practiceId, action: 'READ' })).filter((e) => e.operationName === 'CompiledPage');
    expect(reads.filter((e) => e.entityType !== 'Superbill')).toEqual([]);
    // A clinician reads no superbill at all.
    const clinician = await server.gql(await w.token([Role.CLINICIAN]), page('id'));
    expect(clinician.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
