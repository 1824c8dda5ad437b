import type { Sql } from 'postgres';
import { openPostgres } from '../server/src/db/client.js';
import { Role } from '../server/src/graphql/roles.js';
import { AuditTrail } from '../server/src/modules/audit/audit-trail.js';
import type { ClaimSnapshot } from '../server/src/modules/claims/claim-snapshot.js';
import { postRemittance } from '../server/src/modules/remittances/remittance-post.service.js';
import { type SubmittedClaim, simulateRemittance } from '../server/src/x12/era-simulator.js';

/** The remittances page both servers answer: 50 remittances (newest first) after a cursor, each with its claims, lines and adjustments. */
export const REMITTANCES_QUERY = `query Remittances($after: String) {
  remittances(first: 50, after: $after) { edges { node {
    id status payerName paymentDate total traceNumber postedAt
    claims { id claimIndex patientAccountNumber statusCode outcome charge paid patientResponsibility
      adjustments { group reasonCode amount }
      lines { lineNumber procedureCode charge paid adjustments { group reasonCode amount } } } } } } }`;

const adjustmentsDigest = (xs: { group: string; reasonCode: string; amount: number }[]) => xs.map((a) => `${a.group}-${a.reasonCode}-${a.amount}`).sort().join('/');

/**
 * What the equivalence check compares of a remittances page answer (API or floor): per remittance its
 * id, total and payment date; per claim its id, account number, outcome, paid and adjustments; per line
 * paid and adjustments. Adjustments compare as sets (the floor orders them by id, the API in file order).
 */
export function remittancesPageDigest(body: any): string {
  return body.data.remittances.edges
    .map((e: any) => `${e.node.id}:${e.node.total}:${e.node.paymentDate}:${e.node.claims.map((c: any) => `${c.id}:${c.patientAccountNumber}:${c.outcome}:${c.paid}:${adjustmentsDigest(c.adjustments)}:${c.lines.map((l: any) => `${l.paid}:${adjustmentsDigest(l.adjustments)}`).join('+')}`).join(',')}`)
    .join();
}

/** Claims per simulated 835 and how many 835s the bench posts (the same whatever the dataset size). */
const CLAIMS_PER_FILE = 6;
const FILES = 150;

/**
 * Gives the run copy of the bench database remittances when it has none: the bench's SUBMITTED and
 * ACCEPTED claims are adjudicated by the ERA simulator (rule by the member id's last digit: paid in full,
 * contractual, deductible, coinsurance, copay, denied, partial …), CLAIMS_PER_FILE claims to an 835, and
 * each file is posted through the real postRemittance service (ledger, remittance rows, claim status).
 * Needs the bench claims.
 * @returns how many remittances and remittance claims there are
 */
export async function ensureBenchRemittances(sql: Sql, url: string, practiceId: string): Promise<{ remittances: number; claims: number }> {
  const count = async () => {
    const [row] = await sql`select (select count(*)::int from remittances where practice_id = ${practiceId}) as r, (select count(*)::int from remittance_claims where practice_id = ${practiceId}) as c`;
    return { remittances: row!.r as number, claims: row!.c as number };
  };
  const existing = await count();
  if (existing.remittances > 0) return existing;
  const rows = await sql`
    select c.id, c.number, c.patient_account_number, c.date_of_service::text as dos, c.total_charge_cents, c.snapshot, py.id as payer_id, py.name as payer_name, py.edi_payer_id
      from claims c join payers py on py.id = c.payer_id
     where c.practice_id = ${practiceId} and c.status in ('SUBMITTED', 'ACCEPTED')
     order by c.payer_id, c.date_of_service, c.number
     limit ${CLAIMS_PER_FILE * FILES}`;
  const submitted: SubmittedClaim[] = rows.map((r) => {
    const s = r.snapshot as Record<string, any>;
    const snapshot = {
      ...s,
      patientAccountNumber: r.patient_account_number,
      frequencyCode: '1',
      originalPayerClaimNumber: null,
      dateOfService: r.dos,
      // The bench superbills' billing profile has no address; the 835's payee loop (N3/N4) needs one.
      billingProvider: { ...s.billingProvider, address: s.billingProvider.address ?? { line1: '1 Bench St', line2: null, city: 'Benchville', state: 'NY', postalCode: '10001' } },
      serviceFacility: null,
      payer: { id: r.payer_id, name: r.payer_name, ediPayerId: r.edi_payer_id, address: null },
      totalChargeCents: r.total_charge_cents,
      acceptAssignment: true,
      releaseOfInformation: true,
    } as unknown as ClaimSnapshot;
    return { snapshot, payerClaimControlNumber: `ICN${r.number}` };
  });
  const database = openPostgres(url, 1);
  try {
    for (let f = 0; f * CLAIMS_PER_FILE < submitted.length; f++) {
      const batch = submitted.slice(f * CLAIMS_PER_FILE, (f + 1) * CLAIMS_PER_FILE);
      // One 835 is one payer paying one payee: a payer change starts the next file early.
      const same = batch.filter((c) => c.snapshot.payer.id === batch[0]!.snapshot.payer.id);
      const day = new Date(Date.UTC(2026, 10, 1) + f * 86_400_000 / 4);
      const { x12 } = simulateRemittance(same, { controlNumber: 7000 + f, at: day, paymentDate: day.toISOString().slice(0, 10), traceNumber: `BENCH-${f}` });
      const audit = new AuditTrail({ practiceId, userId: 'bench-biller', roles: [Role.BILLER] } as never, `bench-remit-${f}`, 'postRemittance');
      await postRemittance(database.db, { practiceId, userId: 'bench-biller' }, audit, x12, `bench-remittance-${f}`);
    }
  } finally {
    await database.close();
  }
  await sql`analyze remittances`;
  await sql`analyze remittance_claims`;
  await sql`analyze remittance_lines`;
  await sql`analyze remittance_adjustments`;
  return count();
}

/**
 * The floor for the remittances page: ONE hand-written statement building the whole response (json_agg
 * over the keyset page (posted_at, id) newest first, correlated subqueries for the claims, their lines
 * and the claim- and line-level adjustments).
 * @param after the (posted_at, id) of the row before the page, or null for the first page
 * @returns the response body as text
 */
export async function remittancesFloor(sql: Sql, practiceId: string, after: { postedAt: string; id: string } | null): Promise<string> {
  const adj = (where: ReturnType<Sql>) => sql`(select coalesce(json_agg(json_build_object('group', a.group_code, 'reasonCode', a.reason_code, 'amount', a.amount_cents) order by a.id), '[]')
                     from remittance_adjustments a where ${where})`;
  const [row] = await sql`
    select json_build_object('data', json_build_object('remittances', json_build_object('edges', coalesce(json_agg(json_build_object('node', json_build_object(
             'id', r.id, 'status', r.status, 'payerName', r.payer_name, 'paymentDate', r.payment_date, 'total', r.total_cents, 'traceNumber', r.trace_number, 'postedAt', r.posted_at,
             'claims', (select coalesce(json_agg(json_build_object('id', rc.id, 'claimIndex', rc.claim_index, 'patientAccountNumber', rc.patient_account_number, 'statusCode', rc.status_code,
                                                               'outcome', rc.outcome, 'charge', rc.charge_cents, 'paid', rc.paid_cents, 'patientResponsibility', rc.patient_responsibility_cents,
                                                               'adjustments', ${adj(sql`a.remittance_claim_id = rc.id and a.remittance_line_id is null`)},
                                                               'lines', (select coalesce(json_agg(json_build_object('lineNumber', l.line_number, 'procedureCode', l.procedure_code, 'charge', l.charge_cents, 'paid', l.paid_cents,
                                                                                                                    'adjustments', ${adj(sql`a.remittance_line_id = l.id`)}) order by l.line_number), '[]')
                                                                         from remittance_lines l where l.remittance_claim_id = rc.id))
                                        order by rc.claim_index), '[]')
                          from remittance_claims rc where rc.remittance_id = r.id)))
           order by r.posted_at desc, r.id desc), '[]'))))::text as body
      from (select * from remittances where practice_id = ${practiceId}
              ${after ? sql`and (posted_at, id) < (${after.postedAt}::timestamptz, ${after.id}::uuid)` : sql``}
             order by posted_at desc, id desc limit 50) r`;
  return (row as { body: string }).body;
}
