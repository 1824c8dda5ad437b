import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../server/src/db/client.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient, patientInput } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { recomputeChain } from '../../helpers/audit-chain.js';
import { auditEntries, auditRows } from '../../helpers/audit-rows.js';
import { GET_PATIENT, registerOk } from '../../helpers/patient-ops.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { ALL_SCOPES } from '../../../server/src/graphql/scopes.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const VERIFY = /* GraphQL */ `
  query Verify($from: DateTime, $to: DateTime, $anchor: AuditChainAnchorInput) {
    verifyAuditTrail(from: $from, to: $to, anchor: $anchor) {
      intact checkedLinks firstSeq lastSeq
      lastLink { seq hash linkedAt }
      firstBreak { kind seq batchId }
    }
  }`;

type Verification = {
  intact: boolean;
  checkedLinks: number;
  firstSeq: number | null;
  lastSeq: number | null;
  lastLink: { seq: number; hash: string; linkedAt: string } | null;
  firstBreak: { kind: string; seq: number | null; batchId: string | null } | null;
};

const db = () => server.database.db;
const query = async <T>(statement: ReturnType<typeof sql>) => rowsOf<T>(await db().execute(statement));

async function verify(practiceId: string, vars: { from?: string; to?: string; anchor?: { seq: number; hash: string } } = {}): Promise<Verification> {
  const res = await server.gql(await server.token(practiceId, [Role.PRACTICE_ADMIN], 'auditor'), VERIFY, vars);
  expect(res.errors).toBeUndefined();
  return res.data!.verifyAuditTrail as Verification;
}

/** A practice with a trail of `writes` registrations, each followed by a read of the patient. */
async function practiceWithTrail(writes = 3) {
  const practiceId = await createPractice(db());
  const token = await server.token(practiceId, [Role.FRONT_DESK], 'desk-chain');
  for (let i = 0; i < writes; i++) {
    const patient = await registerOk(server, token, patientInput());
    expect((await server.gql(token, GET_PATIENT, { id: patient.id })).errors).toBeUndefined();
  }
  const links = await query<{ seq: string; batch_id: string }>(sql`select seq, batch_id from audit_chain where practice_id = ${practiceId} order by seq`);
  return { practiceId, links: links.map((l) => ({ seq: Number(l.seq), batchId: Number(l.batch_id) })) };
}

/** Runs statements as a superuser who turned the triggers off would (append-only and linking triggers silent). */
async function asSuperuser(...statements: ReturnType<typeof sql>[]) {
  await db().transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    for (const s of statements) await tx.execute(s);
  });
}

describe('audit chain: linking', () => {
  it('links every batch, numbered 1..n in its practice, each hash = sha256(previous hash || canonical content)', async () => {
    const { practiceId, links } = await practiceWithTrail(3);
    const batches = await auditRows(db(), practiceId);
    expect(links.map((l) => l.seq)).toEqual(batches.map((_, i) => i + 1));
    expect(new Set(links.map((l) => l.batchId))).toEqual(new Set(batches.map((b) => b.id)));

    // Recomputed from the format documented in docs/operations.md, independent of the database's functions.
    const chain = await recomputeChain(db(), practiceId);
    expect(chain).toHaveLength(batches.length);
    for (const link of chain) expect(link.stored, `link ${link.seq}`).toBe(link.recomputed);
  });

  it('an untouched trail verifies intact, and the last link is the head to export', async () => {
    const { practiceId, links } = await practiceWithTrail(2);
    const result = await verify(practiceId);
    expect(result).toMatchObject({ intact: true, firstBreak: null, firstSeq: 1, lastSeq: links.length, checkedLinks: links.length });
    const [last] = await query<{ hash: string }>(sql`select hash from audit_chain where practice_id = ${practiceId} and seq = ${links.length}`);
    expect(result.lastLink).toMatchObject({ seq: links.length, hash: last!.hash });
    // The verification was recorded, and its batch became the new head.
    const [head] = await query<{ seq: string }>(sql`select seq from audit_chain_heads where practice_id = ${practiceId}`);
    expect(Number(head!.seq)).toBe(links.length + 1);
  });

  it('concurrent requests of one practice never fork the chain: consecutive numbers, intact', async () => {
    const practiceId = await createPractice(db());
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    const patients = await Promise.all(Array.from({ length: 6 }, () => insertPatient(db(), practiceId)));
    const other = await createPractice(db());
    const otherToken = await server.token(other, [Role.FRONT_DESK]);
    await Promise.all([
      ...Array.from({ length: 12 }, () => registerOk(server, token, patientInput())),
      ...patients.map((p) => server.gql(token, GET_PATIENT, { id: p.id })),
      ...Array.from({ length: 6 }, () => registerOk(server, otherToken, patientInput())),
    ]);
    for (const id of [practiceId, other]) {
      const batches = await auditRows(db(), id);
      const seqs = await query<{ seq: string }>(sql`select seq from audit_chain where practice_id = ${id} order by seq`);
      expect(seqs.map((s) => Number(s.seq))).toEqual(batches.map((_, i) => i + 1));
      expect((await verify(id)).intact).toBe(true);
    }
  });
});

describe('audit chain: the application cannot rewrite it', () => {
  it('the database refuses UPDATE, DELETE and TRUNCATE on audit_chain', async () => {
    const { practiceId } = await practiceWithTrail(1);
    for (const statement of [
      sql`update audit_chain set hash = repeat('0', 64) where practice_id = ${practiceId}`,
      sql`delete from audit_chain where practice_id = ${practiceId}`,
      sql`truncate audit_chain`,
    ]) {
      const err = await db().execute(statement).then(() => null, (e: { cause?: { message?: string } }) => String(e.cause?.message ?? e));
      expect(err).toMatch(/append-only/);
    }
    expect((await verify(practiceId)).intact).toBe(true);
  });
});

describe('audit chain: tampering by a superuser is found', () => {
  it('an edited batch: EDITED at its link', async () => {
    const { practiceId, links } = await practiceWithTrail(3);
    const victim = links[2]!;
    await asSuperuser(sql`update audit_batches set user_id = 'someone-else' where id = ${victim.batchId}`);
    expect((await verify(practiceId)).firstBreak).toEqual({ kind: 'EDITED', seq: victim.seq, batchId: String(victim.batchId) });
  });

  it('an edited batch whose link was rehashed too: the next link no longer follows', async () => {
    const { practiceId, links } = await practiceWithTrail(3);
    const victim = links[1]!;
    await asSuperuser(
      sql`update audit_batches set entity_ids = entity_ids || 'smuggled'::text, entity_types = entity_types || 'Patient'::text, patient_ids = patient_ids || null::uuid where id = ${victim.batchId}`,
      sql`update audit_chain c set hash = encode(sha256(decode(p.hash, 'hex') || convert_to(medoffice_audit_content(b), 'UTF8')), 'hex')
            from audit_chain p, audit_batches b where c.practice_id = ${practiceId} and c.seq = ${victim.seq} and p.practice_id = c.practice_id and p.seq = c.seq - 1 and b.id = c.batch_id`,
    );
    expect((await verify(practiceId)).firstBreak).toEqual({ kind: 'EDITED', seq: victim.seq + 1, batchId: String(links[2]!.batchId) });
  });

  it('a deleted batch: DELETED at its link; with its link deleted too: DELETED at the gap', async () => {
    const first = await practiceWithTrail(3);
    await asSuperuser(sql`delete from audit_batches where id = ${first.links[3]!.batchId}`);
    expect((await verify(first.practiceId)).firstBreak).toEqual({ kind: 'DELETED', seq: 4, batchId: String(first.links[3]!.batchId) });

    const second = await practiceWithTrail(3);
    await asSuperuser(
      sql`delete from audit_batches where id in (${second.links[1]!.batchId}, ${second.links[2]!.batchId})`,
      sql`delete from audit_chain where practice_id = ${second.practiceId} and seq in (2, 3)`,
    );
    expect((await verify(second.practiceId)).firstBreak).toEqual({ kind: 'DELETED', seq: 2, batchId: null });
  });

  it('the first links deleted, or the last ones: DELETED (the head still counts them)', async () => {
    const head = await practiceWithTrail(2);
    await asSuperuser(sql`delete from audit_batches where id = ${head.links[0]!.batchId}`, sql`delete from audit_chain where practice_id = ${head.practiceId} and seq = 1`);
    expect((await verify(head.practiceId)).firstBreak).toEqual({ kind: 'DELETED', seq: 1, batchId: null });

    const tail = await practiceWithTrail(2);
    const n = tail.links.length;
    await asSuperuser(sql`delete from audit_batches where id = ${tail.links[n - 1]!.batchId}`, sql`delete from audit_chain where practice_id = ${tail.practiceId} and seq = ${n}`);
    expect((await verify(tail.practiceId)).firstBreak).toEqual({ kind: 'DELETED', seq: n, batchId: null });
  });

  it('a batch slipped in with the triggers off: UNCHAINED', async () => {
    const { practiceId } = await practiceWithTrail(1);
    await asSuperuser(sql`insert into audit_batches (practice_id, user_id, roles, action, request_id, entity_types, entity_ids, patient_ids)
      values (${practiceId}, 'ghost', '{FRONT_DESK}', 'READ', 'forged', '{Patient}', '{x}', '{NULL}')`);
    const [forged] = await query<{ id: string }>(sql`select id from audit_batches where practice_id = ${practiceId} and request_id = 'forged'`);
    expect((await verify(practiceId)).firstBreak).toEqual({ kind: 'UNCHAINED', seq: null, batchId: String(forged!.id) });
  });

  it('reordered links: EDITED at the first one moved', async () => {
    const { practiceId, links } = await practiceWithTrail(2);
    await asSuperuser(
      sql`update audit_chain set seq = -seq where practice_id = ${practiceId} and seq in (2, 3)`,
      sql`update audit_chain set seq = case seq when -2 then 3 else 2 end where practice_id = ${practiceId} and seq in (-2, -3)`,
    );
    expect((await verify(practiceId)).firstBreak).toEqual({ kind: 'EDITED', seq: 2, batchId: String(links[2]!.batchId) });
  });

  it('a batch edited and every later link rehashed verifies on its own; only an exported head exposes it', async () => {
    const { practiceId, links } = await practiceWithTrail(2);
    const n = links.length;
    const [exported] = await query<{ hash: string }>(sql`select hash from audit_chain where practice_id = ${practiceId} and seq = ${n}`);
    const anchor = { seq: n, hash: exported!.hash };
    expect(await verify(practiceId, { anchor })).toMatchObject({ intact: true, firstBreak: null });

    const rehash = (seq: number) =>
      sql`update audit_chain c set hash = encode(sha256(decode(p.hash, 'hex') || convert_to(medoffice_audit_content(b), 'UTF8')), 'hex')
            from audit_chain p, audit_batches b where c.practice_id = ${practiceId} and c.seq = ${seq} and p.practice_id = c.practice_id and p.seq = c.seq - 1 and b.id = c.batch_id`;
    // Every link after the edited batch's, including the one the verification above added.
    const [{ last }] = (await query<{ last: string }>(sql`select max(seq) as last from audit_chain where practice_id = ${practiceId}`)) as [{ last: string }];
    const later = Array.from({ length: Number(last) - 1 }, (_, i) => rehash(i + 2));
    await asSuperuser(
      sql`update audit_batches set user_id = 'someone-else' where id = ${links[1]!.batchId}`,
      ...later,
      // A careful forger also moves the head cache, or the next link would not follow from the rewritten one.
      sql`update audit_chain_heads h set hash = c.hash from audit_chain c where h.practice_id = ${practiceId} and c.practice_id = h.practice_id and c.seq = h.seq`,
    );
    expect((await verify(practiceId)).intact).toBe(true);
    expect((await verify(practiceId, { anchor })).firstBreak).toEqual({ kind: 'ANCHOR_MISMATCH', seq: n, batchId: null });

    const res = await server.gql(await server.token(practiceId, [Role.PRACTICE_ADMIN]), VERIFY, { anchor: { seq: 0, hash: 'XYZ' } });
    expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions.fields?.map((f) => f.path).sort()).toEqual(['anchor.hash', 'anchor.seq']);
  });

  it('a window before the break verifies intact; one that includes it does not', async () => {
    const { practiceId, links } = await practiceWithTrail(2);
    const instants = await query<{ id: string; at: string }>(sql`select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at from audit_batches where practice_id = ${practiceId} order by id`);
    const victim = links[links.length - 1]!;
    const victimAt = instants.find((i) => Number(i.id) === victim.batchId)!.at;
    await asSuperuser(sql`update audit_batches set user_id = 'someone-else' where id = ${victim.batchId}`);
    const before = await verify(practiceId, { to: victimAt });
    expect(before).toMatchObject({ intact: true, firstSeq: 1, firstBreak: null });
    expect(before.lastSeq).toBeLessThan(victim.seq);
    expect((await verify(practiceId, { from: victimAt })).firstBreak).toMatchObject({ kind: 'EDITED', seq: victim.seq });
  });
});

describe('verifyAuditTrail', () => {
  it('is recorded in the audit trail as an AuditTrail read, without the window', async () => {
    const { practiceId } = await practiceWithTrail(1);
    await verify(practiceId, { from: '2020-01-01T00:00:00Z' });
    const reads = await auditEntries(db(), { practiceId, entityType: 'AuditTrail' });
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ action: 'READ', userId: 'auditor', operationName: 'Verify', entityId: practiceId, patientId: null });
    expect((await auditRows(db(), practiceId)).find((r) => r.id === reads[0]!.batchId)!.entityTypes).toEqual(['AuditTrail']);
    // The verification's own batch is linked like any other.
    expect((await verify(practiceId)).intact).toBe(true);
  });

  it('an empty practice is intact with nothing checked; to before from is BAD_USER_INPUT', async () => {
    const practiceId = await createPractice(db());
    expect(await verify(practiceId)).toMatchObject({ intact: true, checkedLinks: 0, firstSeq: null, lastSeq: null, lastLink: null });
    const res = await server.gql(await server.token(practiceId, [Role.PRACTICE_ADMIN]), VERIFY, { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    expect(res.errors?.map((e) => [e.extensions.code, e.extensions.fields])).toEqual([['BAD_USER_INPUT', [{ path: 'to', message: 'must be after from' }]]]);
  });

  it('is for PRACTICE_ADMIN only', async () => {
    const practiceId = await createPractice(db());
    for (const role of [Role.FRONT_DESK, Role.CLINICIAN, Role.BILLER, Role.ANALYST]) {
      const res = await server.gql(await server.token(practiceId, [role]), VERIFY, {});
      expect(res.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    }
    // A partner client holding every scope is refused too.
    const partner = await server.gql((await partnerToken(server, practiceId, ALL_SCOPES)).token, VERIFY, {});
    expect(partner.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
  });
});
