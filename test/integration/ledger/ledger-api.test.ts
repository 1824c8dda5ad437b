import { randomUUID } from 'node:crypto';
import { createClient, isMedofficeError, type MedofficeClient } from '@medoffice/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { LedgerBucket } from '../../../server/src/modules/ledger/ledger-kind.js';
import { drafts, ledgerWorld, postNow, insertBareClaim } from '../../factories/ledger.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

type LedgerPage = Awaited<ReturnType<MedofficeClient['ledgerEntries']>>['ledgerEntries'];

const client = async (practiceId: string, roles: Role[]): Promise<MedofficeClient> => createClient({ url: server.url, token: await server.token(practiceId, roles), retry: false });

/** A practice whose patient has a claim: line 1 $150 with the payer, line 2 $100 adjudicated ($60 paid, $25 CO, $15 copay), and a $40 charge on the other patient. */
async function world() {
  const w = await ledgerWorld(server.database.db);
  const p = w.patient.id;
  const claimId = await insertBareClaim(server.database.db, w.practiceId, p, w.payer.id);
  await postNow(server.database.db, w.actor, [drafts.charge(p, claimId, 1, 15_000), drafts.charge(p, claimId, 2, 10_000), drafts.paid(p, claimId, 2, 6_000, w.payer.id), drafts.co(p, claimId, 2, 2_500), { ...drafts.pr(p, claimId, 2, 1_500), reasonCode: '3' }]);
  await postNow(server.database.db, w.actor, [drafts.charge(w.other.id, null, null, 4_000, LedgerBucket.PATIENT)]);
  return { ...w, claimId, biller: await client(w.practiceId, [Role.BILLER]) };
}

describe('ledgerEntries and Patient.balance', () => {
  it('lists entries by patient, claim, kind and date, keyset-paged both ways, in a fixed number of statements; reads are audited', async () => {
    const w = await world();
    const all = await w.biller.ledgerEntries({ filter: { patientId: w.patient.id }, first: 50 });
    expect(all.ledgerEntries.totalCount).toBe(5);
    expect(all.ledgerEntries.edges.map((e) => e.node.kind)).toEqual(['PATIENT_RESPONSIBILITY', 'CONTRACTUAL_ADJUSTMENT', 'INSURANCE_PAYMENT', 'CHARGE', 'CHARGE']);
    expect(all.ledgerEntries.edges[0]!.node).toMatchObject({ amount: 1_500, insuranceAmount: -1_500, patientAmount: 1_500, bucket: 'PATIENT', counterBucket: 'INSURANCE', groupCode: 'PR', reasonCode: '3', claimId: w.claimId, claimLinePosition: 2, effectiveDate: '2026-03-02' });
    const nodes = all.ledgerEntries.edges.map((e) => e.node.id);
    // Two at a time forward, then back from the end: the same order, no gaps, no repeats.
    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: LedgerPage = (await w.biller.ledgerEntries({ filter: { patientId: w.patient.id }, first: 2, after })).ledgerEntries;
      forward.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forward).toEqual(nodes);
    const last2 = (await w.biller.ledgerEntries({ filter: { patientId: w.patient.id }, last: 2 })).ledgerEntries;
    expect(last2.edges.map((e) => e.node.id)).toEqual(nodes.slice(3));
    const before = (await w.biller.ledgerEntries({ filter: { patientId: w.patient.id }, last: 2, before: last2.pageInfo.startCursor })).ledgerEntries;
    expect(before.edges.map((e) => e.node.id)).toEqual(nodes.slice(1, 3));
    expect((await w.biller.ledgerEntries({ filter: { claimId: w.claimId, kinds: ['CHARGE'] } })).ledgerEntries.edges.map((e) => e.node.amount)).toEqual([10_000, 15_000]); // same date: the later posting first
    expect((await w.biller.ledgerEntries({ filter: { from: '2026-03-03' } })).ledgerEntries.edges).toEqual([]);
    expect((await w.biller.ledgerEntries({})).ledgerEntries.edges).toHaveLength(6);

    const token = await server.token(w.practiceId, [Role.BILLER]);
    const LIST = 'query($first: Int) { ledgerEntries(first: $first) { totalCount edges { node { id amount } } } }';
    await server.gql(token, LIST, { first: 1 });
    const one = await server.gql(token, LIST, { first: 1 });
    const six = await server.gql(token, LIST, { first: 50 });
    // page + count + one audit flush, whatever the page size.
    expect([one.extensions?.stats?.sqlStatements, six.extensions?.stats?.sqlStatements]).toEqual([3, 3]);
    const reads = await auditEntries(server.database.db, { practiceId: w.practiceId, entityType: 'LedgerEntry', action: 'READ' });
    expect(new Set(reads.map((r) => r.entityId))).toEqual(new Set([...nodes, ...six.data!.ledgerEntries.edges.map((e: { node: { id: string } }) => e.node.id)]));
    expect(reads.every((r) => r.patientId === w.patient.id || r.patientId === w.other.id)).toBe(true);

    const bad = await server.gql(token, 'query($a: String) { ledgerEntries(after: $a, filter: { patientId: "x" }) { totalCount } }', { a: 'bm90LWEtY3Vyc29y' });
    expect(bad.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('gives Patient.balance as insurance part, patient part and credit, to the front desk and billers', async () => {
    const w = await world();
    const desk = await client(w.practiceId, [Role.FRONT_DESK]);
    expect((await desk.patientBalance({ id: w.patient.id })).patient!.balance).toEqual({ insurance: 15_000, patient: 1_500, credit: 0, total: 16_500 });
    await postNow(server.database.db, w.actor, [drafts.patientPaid(w.patient.id, 2_000)]);
    expect((await w.biller.patientBalance({ id: w.patient.id })).patient!.balance).toEqual({ insurance: 15_000, patient: 0, credit: 500, total: 14_500 });
    const audited = await auditEntries(server.database.db, { practiceId: w.practiceId, entityType: 'PatientBalance', action: 'READ' });
    expect(audited.map((a) => a.patientId)).toEqual([w.patient.id, w.patient.id]);
    const fresh = await ledgerWorld(server.database.db);
    expect((await (await client(fresh.practiceId, [Role.BILLER])).patientBalance({ id: fresh.patient.id })).patient!.balance).toEqual({ insurance: 0, patient: 0, credit: 0, total: 0 });
  });
});

describe('roles and tenancy', () => {
  it('lets billers, admins and billing partners read entries, the front desk only balances, and nobody another practice', async () => {
    const w = await world();
    const LIST = '{ ledgerEntries(first: 5) { edges { node { id } } } }';
    const BALANCE = 'query($id: ID!) { patient(id: $id) { id balance { total } } }';
    for (const role of [Role.BILLER, Role.PRACTICE_ADMIN]) expect((await server.gql(await server.token(w.practiceId, [role]), LIST)).data!.ledgerEntries.edges, role).toHaveLength(5);
    for (const role of [Role.FRONT_DESK, Role.CLINICIAN, Role.ANALYST]) expect((await server.gql(await server.token(w.practiceId, [role]), LIST)).errors![0]!.extensions.code, role).toBe('FORBIDDEN');
    expect((await server.gql(await server.token(w.practiceId, [Role.FRONT_DESK]), BALANCE, { id: w.patient.id })).data!.patient.balance.total).toBe(16_500);
    expect((await server.gql(await server.token(w.practiceId, [Role.CLINICIAN]), BALANCE, { id: w.patient.id })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    const partner = await partnerToken(server, w.practiceId, [Scope.BILLING_READ]);
    expect((await server.gql(partner.token, LIST)).data!.ledgerEntries.edges).toHaveLength(5);
    const writeOff = 'mutation($i: WriteOffInput!) { writeOff(input: $i) { entry { id } } }';
    const input = { patientId: w.patient.id, amount: 100, reason: 'Small balance', idempotencyKey: 'partner-write-off-1' };
    expect((await server.gql((await partnerToken(server, w.practiceId, [Scope.BILLING_WRITE])).token, writeOff, { i: input })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await server.gql(await server.token(w.practiceId, [Role.FRONT_DESK]), writeOff, { i: input })).errors![0]!.extensions.code).toBe('FORBIDDEN');

    const elsewhere = await client((await ledgerWorld(server.database.db)).practiceId, [Role.BILLER]);
    expect((await elsewhere.ledgerEntries({ filter: { patientId: w.patient.id } })).ledgerEntries.edges).toEqual([]);
    expect(isMedofficeError(await elsewhere.patientBalance({ id: w.patient.id }).catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
    const entryId = (await w.biller.ledgerEntries({ first: 1 })).ledgerEntries.edges[0]!.node.id;
    expect(isMedofficeError(await elsewhere.reverseLedgerEntry({ input: { id: entryId, reason: 'not ours' } }).catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
    expect(isMedofficeError(await elsewhere.writeOff({ input: { ...input, idempotencyKey: 'other-practice-1' } }).catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
    expect(isMedofficeError(await elsewhere.writeOff({ input: { claimId: w.claimId, amount: 100, reason: 'x', idempotencyKey: 'other-practice-2' } }).catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
  });
});

describe('writeOff and reverseLedgerEntry', () => {
  it('writes off at most the open part, once per key, audited; reverses an entry once', async () => {
    const w = await world();
    const fields = (e: unknown) => (e as { fields?: { path: string }[] }).fields?.map((f) => f.path);
    const base = { claimId: w.claimId, claimLinePosition: 2, bucket: 'PATIENT' as const, reason: 'Small balance', idempotencyKey: 'write-off-0001' };
    const over = await w.biller.writeOff({ input: { ...base, amount: 1_501 } }).catch((e: unknown) => e);
    expect(isMedofficeError(over, 'BAD_USER_INPUT') && fields(over)).toEqual(['input.amount']);
    for (const amount of [0, -100]) expect(fields(await w.biller.writeOff({ input: { ...base, amount } }).catch((e: unknown) => e)), String(amount)).toEqual(['input.amount']);
    const token = await server.token(w.practiceId, [Role.BILLER]);
    const cents = await server.gql(token, 'mutation($i: WriteOffInput!) { writeOff(input: $i) { entry { id } } }', { i: { ...base, amount: 10.5 } });
    expect(cents.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    const done = await w.biller.writeOff({ input: { ...base, amount: 1_500 } });
    expect(done.writeOff).toMatchObject({ replayed: false, entry: { kind: 'WRITE_OFF', amount: -1_500, patientAmount: -1_500, bucket: 'PATIENT', claimId: w.claimId, claimLinePosition: 2, patientId: w.patient.id, reason: 'Small balance' } });
    expect((await w.biller.writeOff({ input: { ...base, amount: 1_500 } })).writeOff).toEqual({ ...done.writeOff, replayed: true });
    expect(isMedofficeError(await w.biller.writeOff({ input: { ...base, amount: 1_000 } }).catch((e: unknown) => e), 'IDEMPOTENCY_KEY_REUSED')).toBe(true);
    expect(isMedofficeError(await w.biller.writeOff({ input: { ...base, idempotencyKey: 'write-off-0002', amount: 1 } }).catch((e: unknown) => e), 'BAD_USER_INPUT')).toBe(true);
    expect(isMedofficeError(await w.biller.writeOff({ input: { ...base, claimId: randomUUID(), idempotencyKey: 'write-off-0003', amount: 1 } }).catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
    expect(fields(await w.biller.writeOff({ input: { ...base, claimId: w.claimId, patientId: w.other.id, idempotencyKey: 'write-off-0004', amount: 1 } }).catch((e: unknown) => e))).toEqual(['input.patientId']);
    const writes = await auditEntries(server.database.db, { practiceId: w.practiceId, entityType: 'LedgerEntry', action: 'CREATE' });
    expect(writes.map((a) => [a.entityId, a.patientId])).toEqual([[done.writeOff.entry.id, w.patient.id]]);

    const reversed = await w.biller.reverseLedgerEntry({ input: { id: done.writeOff.entry.id, reason: 'Patient will pay after all' } });
    expect(reversed.reverseLedgerEntry.entry).toMatchObject({ kind: 'REVERSAL', reversesId: done.writeOff.entry.id, amount: 1_500, reason: 'Patient will pay after all' });
    const again = await w.biller.reverseLedgerEntry({ input: { id: done.writeOff.entry.id, reason: 'again' } }).catch((e: unknown) => e);
    expect(isMedofficeError(again, 'BAD_USER_INPUT') && fields(again)).toEqual(['input.id']);
    expect(isMedofficeError(await w.biller.reverseLedgerEntry({ input: { id: randomUUID(), reason: 'x' } }).catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
    expect((await w.biller.patientBalance({ id: w.patient.id })).patient!.balance).toEqual({ insurance: 15_000, patient: 1_500, credit: 0, total: 16_500 });
  });
});
