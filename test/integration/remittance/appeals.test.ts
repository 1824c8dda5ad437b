import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { appealHistory } from '../../../server/src/db/schema/appeals.js';
import { claims } from '../../../server/src/db/schema/claims.js';
import { payers } from '../../../server/src/db/schema/insurance.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { acceptedClaim, type ClaimRow, post835, remittanceWorld, type RemittanceWorld, simulated835, submittedOf } from '../../factories/remittance.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { pdfPagesText } from '../../helpers/pdf-text.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const db = () => server.database.db;
const FIELDS = `id number claimId claimLinePosition patientId payerId status reason letter denied reasonCodes remittanceDate deadline submittedAt decidedAt outcomeRemittanceId createdBy version
  history { from to note changedBy } claim { id status }`;
const CREATE = `mutation C($input: CreateAppealInput!) { createAppeal(input: $input) { replayed appeal { ${FIELDS} } } }`;
const SUBMIT = `mutation S($input: SubmitAppealInput!) { submitAppeal(input: $input) { appeal { ${FIELDS} } } }`;
const DECIDE = `mutation D($input: DecideAppealInput!) { decideAppeal(input: $input) { appeal { ${FIELDS} } } }`;
const WITHDRAW = `mutation W($input: WithdrawAppealInput!) { withdrawAppeal(input: $input) { appeal { ${FIELDS} } } }`;
const GET = `query A($id: ID!) { appeal(id: $id) { ${FIELDS} } }`;
const LIST = `query L($filter: AppealFilter, $first: Int, $after: String) { appeals(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${FIELDS} } } } }`;
const LETTER = `query P($id: ID!) { appealLetter(id: $id) { fileName contentType base64 byteLength } }`;

type Res = { data?: Record<string, any> | null; errors?: readonly { extensions?: Record<string, unknown> }[]; extensions?: Record<string, any> };
const code = (r: Res) => r.errors?.[0]?.extensions?.code;
const ok = (r: Res) => {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
};

// The claim factory's lines: 99213 at 130.00 and 36415 at 25.00.
const CHARGES = [13_000, 2_500];
const LETTER_TEXT = 'The prior authorization was obtained before the visit (reference PA-0001); please reprocess.';

describe('appeals of denials', () => {
  let w: RemittanceWorld;
  let denied: ClaimRow;
  let partial: ClaimRow;
  let paid: ClaimRow;
  let remittanceId: string;
  const open = (claimId: string, extra: Record<string, unknown> = {}, token = w.biller) => server.gql(token, CREATE, { input: { claimId, reason: 'Authorization was on file', letter: LETTER_TEXT, ...extra } });

  beforeAll(async () => {
    w = await remittanceWorld(server);
    await db().update(payers).set({ appealDays: 3650 }).where(eq(payers.id, w.payer.id));
    denied = await acceptedClaim(w, '5');
    partial = await acceptedClaim(w, '6');
    paid = await acceptedClaim(w, '0');
    const posted = ok(await post835(w, simulated835([denied, partial, paid].map((c) => submittedOf(c))).x12, 'appeals-835-0001'));
    remittanceId = posted.postRemittance.remittance.id;
  });

  it('opens a DRAFT appeal of a denied claim with the denial, its CARCs and the deadline (remittance date + payer appeal days); idempotent by key', async () => {
    const res = ok(await open(denied.id, { idempotencyKey: 'appeal-key-0001' }));
    expect(res.createAppeal.replayed).toBe(false);
    expect(res.createAppeal.appeal).toMatchObject({
      claimId: denied.id, claimLinePosition: null, patientId: denied.patientId, payerId: w.payer.id, status: 'DRAFT', reason: 'Authorization was on file', letter: LETTER_TEXT,
      denied: CHARGES[0]! + CHARGES[1]!, reasonCodes: ['197'], remittanceDate: '2026-03-20', deadline: '2036-03-17', submittedAt: null, version: 1,
      history: [{ from: null, to: 'DRAFT', note: 'opened' }], claim: { id: denied.id, status: 'DENIED' },
    });
    const again = ok(await open(denied.id, { idempotencyKey: 'appeal-key-0001' }));
    expect(again.createAppeal).toMatchObject({ replayed: true, appeal: { id: res.createAppeal.appeal.id } });
    expect(code(await open(denied.id, { idempotencyKey: 'appeal-key-0001', letter: 'something else' }))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(code(await open(denied.id))).toBe('BAD_USER_INPUT'); // one open appeal per line
    const created = await auditEntries(db(), { entityId: res.createAppeal.appeal.id, action: 'CREATE' });
    expect(created.map((a) => [a.entityType, a.patientId])).toEqual([['Appeal', denied.patientId]]);
  });

  it('a partly paid claim is appealed line by line; what was not denied cannot be appealed', async () => {
    const line = ok(await open(partial.id, { claimLinePosition: 2 }));
    expect(line.createAppeal.appeal).toMatchObject({ claimLinePosition: 2, denied: CHARGES[1], reasonCodes: ['50'] });
    for (const r of [await open(partial.id, { claimLinePosition: 1 }), await open(partial.id), await open(paid.id), await open(partial.id, { claimLinePosition: 7 })]) expect(code(r)).toBe('BAD_USER_INPUT');
    const unposted = await acceptedClaim(w, '5');
    expect(code(await open(unposted.id))).toBe('BAD_USER_INPUT');
    expect(code(await open('00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
    expect(code(await open(denied.id, { reason: '   ' }))).toBe('BAD_USER_INPUT');
  });

  it('DRAFT → SUBMITTED → LOST with who/when/why; stale versions and illegal moves are refused; WITHDRAWN frees the line', async () => {
    const c = await acceptedClaim(w, '5');
    ok(await post835(w, simulated835([submittedOf(c)]).x12, 'appeals-835-0002'));
    const a = ok(await open(c.id)).createAppeal.appeal;
    expect(code(await server.gql(w.biller, DECIDE, { input: { id: a.id, expectedVersion: 1, outcome: 'LOST', note: 'too early' } }))).toBe('BAD_USER_INPUT');
    const sent = ok(await server.gql(w.biller, SUBMIT, { input: { id: a.id, expectedVersion: 1, note: 'portal ref 77' } })).submitAppeal.appeal;
    expect(sent).toMatchObject({ status: 'SUBMITTED', version: 2 });
    expect(sent.submittedAt).not.toBeNull();
    expect(code(await server.gql(w.biller, SUBMIT, { input: { id: a.id, expectedVersion: 1 } }))).toBe('VERSION_CONFLICT');
    expect(code(await server.gql(w.biller, DECIDE, { input: { id: a.id, expectedVersion: 2, outcome: 'LOST', note: 'upheld', remittanceId } }))).toBe('BAD_USER_INPUT');
    const lost = ok(await server.gql(w.biller, DECIDE, { input: { id: a.id, expectedVersion: 2, outcome: 'LOST', note: 'denial upheld by the payer' } })).decideAppeal.appeal;
    expect(lost.history.map((h: Record<string, unknown>) => [h.from, h.to, h.note])).toEqual([[null, 'DRAFT', 'opened'], ['DRAFT', 'SUBMITTED', 'portal ref 77'], ['SUBMITTED', 'LOST', 'denial upheld by the payer']]);
    expect(lost.history.every((h: Record<string, unknown>) => typeof h.changedBy === 'string' && h.changedBy.length > 0)).toBe(true);
    expect(code(await server.gql(w.biller, WITHDRAW, { input: { id: a.id, expectedVersion: 3, reason: 'late' } }))).toBe('BAD_USER_INPUT');

    const second = ok(await open(c.id)).createAppeal.appeal;
    const withdrawn = ok(await server.gql(w.biller, WITHDRAW, { input: { id: second.id, expectedVersion: 1, reason: 'a corrected claim resolves it' } })).withdrawAppeal.appeal;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN' });
    expect(ok(await open(c.id)).createAppeal.appeal.status).toBe('DRAFT');
    // The history is append-only.
    await expect(db().update(appealHistory).set({ note: 'edited' }).where(eq(appealHistory.appealId, a.id))).rejects.toThrow();
  });

  it('concurrency: six createAppeal at once with one key open one appeal; without keys, one wins and the others are refused', async () => {
    const c = await acceptedClaim(w, '5');
    ok(await post835(w, simulated835([submittedOf(c)]).x12, 'appeals-835-0006'));
    const keyed = await Promise.all(Array.from({ length: 6 }, () => open(c.id, { idempotencyKey: 'appeal-race-0001' })));
    expect(new Set(keyed.map((r) => ok(r).createAppeal.appeal.id)).size).toBe(1);
    expect(keyed.filter((r) => r.data!.createAppeal.replayed === false)).toHaveLength(1);
    const d = await acceptedClaim(w, '5');
    ok(await post835(w, simulated835([submittedOf(d)]).x12, 'appeals-835-0007'));
    const raced = await Promise.all(Array.from({ length: 6 }, () => open(d.id)));
    expect(raced.filter((r) => !r.errors)).toHaveLength(1);
    expect(raced.filter((r) => r.errors).map(code)).toEqual(Array(5).fill('BAD_USER_INPUT'));
  });

  it('an appeal past its deadline cannot be submitted', async () => {
    const c = await acceptedClaim(w, '5');
    ok(await post835(w, simulated835([submittedOf(c)]).x12, 'appeals-835-0003'));
    await db().update(payers).set({ appealDays: 1 }).where(eq(payers.id, w.payer.id));
    const a = ok(await open(c.id)).createAppeal.appeal;
    await db().update(payers).set({ appealDays: 3650 }).where(eq(payers.id, w.payer.id));
    expect(a.deadline).toBe('2026-03-21');
    expect(code(await server.gql(w.biller, SUBMIT, { input: { id: a.id, expectedVersion: 1 } }))).toBe('BAD_USER_INPUT');
  });

  it('a won appeal is paid by a new 835 (the payer reverses its denial and pays): the appeal becomes WON by that remittance', async () => {
    const c = await acceptedClaim(w, '5');
    ok(await post835(w, simulated835([submittedOf(c)]).x12, 'appeals-835-0004'));
    const a = ok(await open(c.id)).createAppeal.appeal;
    ok(await server.gql(w.biller, SUBMIT, { input: { id: a.id, expectedVersion: 1 } }));
    const row = (await db().select().from(claims).where(eq(claims.id, c.id)))[0]!;
    const won = ok(await post835(w, simulated835([{ ...submittedOf(row), appealWon: true }]).x12, 'appeals-835-0005'));
    const rid = won.postRemittance.remittance.id;
    expect(won.postRemittance.remittance.claims.map((x: Record<string, unknown>) => x.outcome)).toEqual(['REVERSAL', 'POSTED']);
    const after = ok(await server.gql(w.biller, GET, { id: a.id })).appeal;
    expect(after).toMatchObject({ status: 'WON', outcomeRemittanceId: rid, claim: { status: 'PAID' } });
    expect(after.history.at(-1)).toMatchObject({ from: 'SUBMITTED', to: 'WON', changedBy: 'SYSTEM' });
  });

  it('line-level WON: a re-adjudication paying only other lines leaves the line appeal SUBMITTED; the 835 paying the appealed line wins it', async () => {
    const c = await acceptedClaim(w, '6');
    ok(await post835(w, simulated835([submittedOf(c)]).x12, 'appeals-835-0010'));
    const a = ok(await open(c.id, { claimLinePosition: 2 })).createAppeal.appeal;
    ok(await server.gql(w.biller, SUBMIT, { input: { id: a.id, expectedVersion: 1 } }));
    // The payer reverses and re-adjudicates the claim, paying line 1 again and still denying line 2.
    const row = (await db().select().from(claims).where(eq(claims.id, c.id)))[0]!;
    const other = ok(await post835(w, simulated835([{ ...submittedOf(row), appealWon: [1] }]).x12, 'appeals-835-0011'));
    expect(other.postRemittance.remittance.claims.map((x: Record<string, unknown>) => x.outcome)).toEqual(['REVERSAL', 'POSTED']);
    expect(ok(await server.gql(w.biller, GET, { id: a.id })).appeal).toMatchObject({ status: 'SUBMITTED', outcomeRemittanceId: null, claim: { status: 'PARTIALLY_PAID' } });
    // Then it upholds the appeal: line 2 is paid, and that line's appeal is WON by this remittance.
    const again = (await db().select().from(claims).where(eq(claims.id, c.id)))[0]!;
    const won = ok(await post835(w, simulated835([{ ...submittedOf(again), appealWon: [1, 2] }]).x12, 'appeals-835-0012'));
    const lines = won.postRemittance.remittance.claims[1].lines.map((l: Record<string, unknown>) => [l.claimLinePosition, (l.paid as number) > 0]);
    expect(lines).toEqual([[1, true], [2, true]]);
    const after = ok(await server.gql(w.biller, GET, { id: a.id })).appeal;
    expect(after).toMatchObject({ status: 'WON', outcomeRemittanceId: won.postRemittance.remittance.id, claim: { status: 'PAID' } });
    expect(after.history.map((h: Record<string, unknown>) => [h.from, h.to, h.changedBy])).toEqual([[null, 'DRAFT', expect.any(String)], ['DRAFT', 'SUBMITTED', expect.any(String)], ['SUBMITTED', 'WON', 'SYSTEM']]);
  });

  it('appeals(filter): soonest deadline first, keyset pages, a fixed number of statements, filters', async () => {
    const all = ok(await server.gql(w.biller, LIST, { first: 50 })).appeals;
    expect(all.totalCount).toBe(all.edges.length);
    const deadlines = all.edges.map((e: { node: { deadline: string } }) => e.node.deadline);
    expect(deadlines).toEqual([...deadlines].sort());
    const first = ok(await server.gql(w.biller, LIST, { first: 2 })).appeals;
    const rest = ok(await server.gql(w.biller, LIST, { first: 50, after: first.pageInfo.endCursor })).appeals;
    expect([...first.edges, ...rest.edges].map((e: { node: { id: string } }) => e.node.id)).toEqual(all.edges.map((e: { node: { id: string } }) => e.node.id));
    const small = await server.gql(w.biller, LIST, { first: 1 });
    const large = await server.gql(w.biller, LIST, { first: 50 });
    expect(large.extensions!.stats!.sqlStatements).toBe(small.extensions!.stats!.sqlStatements);
    const byClaim = ok(await server.gql(w.biller, LIST, { filter: { claimId: partial.id } })).appeals;
    expect(byClaim.edges.map((e: { node: { claimLinePosition: number } }) => e.node.claimLinePosition)).toEqual([2]);
    const drafts = ok(await server.gql(w.biller, LIST, { filter: { status: ['WON'] } })).appeals;
    expect(drafts.edges.every((e: { node: { status: string } }) => e.node.status === 'WON')).toBe(true);
    expect(code(await server.gql(w.biller, LIST, { filter: { claimId: 'nope' } }))).toBe('BAD_USER_INPUT');
  });

  it('the appeal letter is a PDF naming the payer, claim, denial, deadline and the argument (read back); the export is audited', async () => {
    const a = ok(await server.gql(w.biller, LIST, { filter: { claimId: denied.id } })).appeals.edges[0].node;
    const pdf = ok(await server.gql(w.biller, LETTER, { id: a.id })).appealLetter;
    expect(pdf).toMatchObject({ contentType: 'application/pdf', fileName: `appeal-${a.number}.pdf` });
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.length).toBe(pdf.byteLength);
    const text = (await pdfPagesText(bytes)).join(' ');
    for (const s of ['Request for reconsideration of a claim denial', w.payer.name, denied.patientAccountNumber, denied.payerClaimNumber!, '197', '2026-03-20', '2036-03-17', '$155.00', LETTER_TEXT, 'Authorization was on file']) expect(text).toContain(s);
    expect((await auditEntries(db(), { entityId: a.id, action: 'EXPORT' })).map((e) => e.entityType)).toEqual(['Appeal']);
  });

  it('roles and tenancy: the front desk is refused; another practice finds nothing', async () => {
    const a = ok(await server.gql(w.biller, LIST, { filter: { claimId: denied.id } })).appeals.edges[0].node;
    const desk = await w.token([Role.FRONT_DESK]);
    expect(code(await open(partial.id, { claimLinePosition: 2 }, desk))).toBe('FORBIDDEN');
    expect(code(await server.gql(desk, LIST, {}))).toBe('FORBIDDEN');
    expect(code(await server.gql(desk, LETTER, { id: a.id }))).toBe('FORBIDDEN');
    // Claim.appeals: the biller sees the claim's appeals; the front desk reads the claim but not them.
    const nested = `query N($id: ID!) { claim(id: $id) { id appeals { id status } } }`;
    expect(ok(await server.gql(w.biller, nested, { id: denied.id })).claim.appeals.map((x: { id: string }) => x.id)).toContain(a.id);
    expect(code(await server.gql(desk, nested, { id: denied.id }))).toBe('FORBIDDEN');
    const admin = await w.token([Role.PRACTICE_ADMIN]);
    expect(ok(await server.gql(admin, GET, { id: a.id })).appeal.id).toBe(a.id);
    const other = await remittanceWorld(server);
    for (const r of [await server.gql(other.biller, GET, { id: a.id }), await server.gql(other.biller, LETTER, { id: a.id }), await server.gql(other.biller, SUBMIT, { input: { id: a.id, expectedVersion: a.version } }), await open(denied.id, {}, other.biller)]) expect(code(r)).toBe('NOT_FOUND');
    expect(ok(await server.gql(other.biller, LIST, {})).appeals.totalCount).toBe(0);
  });
});
