import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../server/src/db/client.js';
import { rootFieldRules } from '../../../server/src/graphql/root-fields.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { AuditResolver } from '../../../server/src/modules/audit/audit.resolver.js';
import { PatientResolver } from '../../../server/src/modules/patients/patient.resolver.js';
import { patientInput } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { AUDIT_EVENTS, DEACTIVATE, GET_PATIENT, patientSnapshot, REGISTER, registerOk, SEARCH, UPDATE } from '../../helpers/patient-ops.js';
import { type GqlResult, startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
let mine: string;
let theirs: string;
let myToken: string;
let theirPatient: { id: string; mrn: string };
const THEIR_NAME = { given: 'Tenantina', family: 'Elsewhereson' };
const THEIR_DOB = '1955-05-15';
const THEIR_PHONE = '+17185550142';

beforeAll(async () => {
  server = await startTestServer();
  mine = await createPractice(server.database.db);
  theirs = await createPractice(server.database.db);
  myToken = await server.token(mine, [Role.PRACTICE_ADMIN]);
  const theirToken = await server.token(theirs, [Role.PRACTICE_ADMIN]);
  theirPatient = await registerOk(server, theirToken, patientInput({ legalName: THEIR_NAME, dateOfBirth: THEIR_DOB, phones: [{ kind: 'MOBILE', number: THEIR_PHONE, primary: true }] }));
  // My practice has patients too, so an empty result is not just an empty practice.
  await registerOk(server, myToken, patientInput());
});

/** A response with the given id replaced and per-request values removed, to compare shapes exactly. */
function shape(res: GqlResult, id: string): unknown {
  const { status, extensions: _stats, ...body } = res;
  const text = JSON.stringify({ status, ...body }).replaceAll(id, '<ID>');
  return JSON.parse(text, (key, value) => (key === 'requestId' ? '<REQ>' : value));
}

async function sameAsMissing(doc: string, vars: (id: string) => Record<string, unknown>) {
  const foreign = await server.gql(myToken, doc, vars(theirPatient.id));
  const randomId = randomUUID();
  const missing = await server.gql(myToken, doc, vars(randomId));
  expect(shape(foreign, theirPatient.id)).toEqual(shape(missing, randomId));
  return foreign;
}

const CASES: Record<string, () => Promise<void>> = {
  patient: async () => {
    const res = await sameAsMissing(GET_PATIENT, (id) => ({ id }));
    expect(res.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
  },
  patients: async () => {
    const searches = [{ name: `${THEIR_NAME.given} ${THEIR_NAME.family}` }, { dateOfBirth: THEIR_DOB }, { mrn: theirPatient.mrn }, { phone: THEIR_PHONE }];
    for (const search of searches) {
      const res = await server.gql(myToken, SEARCH, { search });
      expect(res.errors).toBeUndefined();
      expect(res.data!.patients).toMatchObject({ totalCount: search.mrn ? expect.any(Number) : 0 });
      expect(JSON.stringify(res)).not.toContain(theirPatient.id);
    }
    // My own patient may share the MRN M0000001; it must be mine, never theirs.
    const byMrn = await server.gql(myToken, SEARCH, { search: { mrn: theirPatient.mrn } });
    expect(byMrn.data!.patients.edges.every((e: { node: { id: string } }) => e.node.id !== theirPatient.id)).toBe(true);
    const all = await server.gql(myToken, SEARCH, { first: 200 });
    expect(all.data!.patients.totalCount).toBe(1);
  },
  registerPatient: async () => {
    // Their patient is not a "likely duplicate" in my practice: I register the same person without a prompt.
    const res = await server.gql(myToken, REGISTER, { input: patientInput({ legalName: THEIR_NAME, dateOfBirth: THEIR_DOB }) });
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerPatient.likelyDuplicates).toEqual([]);
    expect(res.data!.registerPatient.patient.id).not.toBe(theirPatient.id);
  },
  updatePatient: async () => {
    const before = await patientSnapshot(server.database.db, theirs);
    const res = await sameAsMissing(UPDATE, (id) => ({ input: { id, expectedVersion: 1, preferredName: 'Hijacked' } }));
    expect(res.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    // A stale version on their patient is still NOT_FOUND, not VERSION_CONFLICT (that would confirm it exists).
    const stale = await sameAsMissing(UPDATE, (id) => ({ input: { id, expectedVersion: 99, preferredName: 'Hijacked' } }));
    expect(stale.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    expect(await patientSnapshot(server.database.db, theirs)).toEqual(before);
  },
  deactivatePatient: async () => {
    const before = await patientSnapshot(server.database.db, theirs);
    const res = await sameAsMissing(DEACTIVATE, (id) => ({ input: { id, expectedVersion: 1 } }));
    expect(res.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    expect(await patientSnapshot(server.database.db, theirs)).toEqual(before);
  },
  auditEvents: async () => {
    const res = await sameAsMissing(AUDIT_EVENTS, (id) => ({ filter: { patientId: id } }));
    expect(res.data!.auditEvents.edges).toEqual([]);
    const all = await server.gql(myToken, AUDIT_EVENTS, { first: 200 });
    expect(all.data!.auditEvents.edges.length).toBeGreaterThan(0);
    expect(JSON.stringify(all)).not.toContain(theirPatient.id);
  },
  verifyAuditTrail: async () => {
    const db = server.database.db;
    const VERIFY = `query V($anchor: AuditChainAnchorInput) { verifyAuditTrail(anchor: $anchor) { intact lastSeq lastLink { hash } firstBreak { kind seq batchId } } }`;
    // Their first batch edited as a superuser would: their chain breaks, mine is untouched and knows nothing of theirs.
    const [theirBatch] = rowsOf<{ id: string }>(await db.execute(sql`select id from audit_batches where practice_id = ${theirs} order by id limit 1`));
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update audit_batches set user_id = 'tampered' where id = ${theirBatch!.id}`);
    });
    const [myLinks] = rowsOf<{ n: string }>(await db.execute(sql`select count(*) as n from audit_chain where practice_id = ${mine}`));
    const res = await server.gql(myToken, VERIFY, {});
    expect(res.data!.verifyAuditTrail).toMatchObject({ intact: true, firstBreak: null, lastSeq: Number(myLinks!.n) });
    const theirVerification = await server.gql(await server.token(theirs, [Role.PRACTICE_ADMIN]), VERIFY, {});
    expect(theirVerification.data!.verifyAuditTrail.firstBreak).toEqual({ kind: 'EDITED', seq: 1, batchId: String(theirBatch!.id) });
    // Their head is no anchor of mine.
    const [theirHead] = rowsOf<{ seq: string; hash: string }>(await db.execute(sql`select seq, hash from audit_chain_heads where practice_id = ${theirs}`));
    const anchored = await server.gql(myToken, VERIFY, { anchor: { seq: Number(theirHead!.seq), hash: theirHead!.hash } });
    expect(anchored.data!.verifyAuditTrail.firstBreak).toEqual({ kind: 'ANCHOR_MISMATCH', seq: Number(theirHead!.seq), batchId: null });
  },
};

describe("another practice's data behaves exactly like a missing id", () => {
  it('has a case for every root field of the patients and audit modules', () => {
    const rootFields = rootFieldRules([PatientResolver, AuditResolver]).map((r) => r.name);
    expect(rootFields.sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [field, run] of Object.entries(CASES)) {
    it(field, run);
  }

  it('malformed ids behave like unknown ones too (never an internal error)', async () => {
    for (const id of ['not-a-uuid', '', "'; drop table patients; --"]) {
      const res = await server.gql(myToken, GET_PATIENT, { id });
      expect(res.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
      const upd = await server.gql(myToken, UPDATE, { input: { id, expectedVersion: 1 } });
      expect(upd.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    }
  });
});
