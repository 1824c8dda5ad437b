import { eq } from 'drizzle-orm';
import { claims } from '../../server/src/db/schema/claims.js';
import { markSubmitted, recordAcknowledgment } from '../../server/src/modules/claims/claim-transition.service.js';
import { simulateRemittance, type SubmittedClaim } from '../../server/src/x12/era-simulator.js';
import type { TestServer } from '../helpers/test-server.js';
import { claimWorld, finalizedSuperbill, insertCoverage } from './claim.factory.js';
import { insertPatient } from './patient.factory.js';

const CREATE_CLAIMS = `mutation C($input: CreateClaimsInput!) { createClaims(input: $input) { claims { id } } }`;
const SCRUB = `mutation S($input: ScrubClaimInput!) { scrubClaim(input: $input) { claim { id status } } }`;

export type RemittanceWorld = Awaited<ReturnType<typeof claimWorld>>;
export type ClaimRow = typeof claims.$inferSelect;

/** Visits made per test server (per file): their dates must not wrap onto the world's own visit within a file. */
const visitsOf = new WeakMap<object, number>();
let icn = 0;

/**
 * A claim of a new patient of the world, submitted and accepted through the claims primitives (the
 * payer's claim number ICN…). The member id ends in `digit`, which picks the simulated payer's rule
 * (ERA_SIMULATOR_RULES). `accepted: false` leaves it SUBMITTED.
 */
export async function acceptedClaim(w: RemittanceWorld, digit: string, opts: { accepted?: boolean; content?: Record<string, unknown> } = {}): Promise<ClaimRow> {
  const db = w.server.database.db;
  const patient = await insertPatient(db, w.practiceId, { address: { line1: '12 Elm Street', city: 'Albany', state: 'NY', postalCode: '12208', country: 'US' } });
  const pw = { ...w, patient };
  await insertCoverage(pw, w.payer.id, { memberId: `XZ1234567${digit}` });
  const visits = (visitsOf.get(w.server) ?? 0) + 1;
  visitsOf.set(w.server, visits);
  const at = new Date(Date.UTC(2026, 2, 2 + (visits % 20), 15));
  const superbillId = await finalizedSuperbill(pw, opts.content ?? { diagnoses: ['E11.9', 'I10'], lines: [{ code: '99213', modifiers: ['25'], units: 1, diagnosisPointers: ['A', 'B'] }, { code: '36415', units: 1, diagnosisPointers: ['A'] }] }, at);
  const created = await w.server.gql(w.biller, CREATE_CLAIMS, { input: { superbillId } });
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const id = created.data!.createClaims.claims[0].id as string;
  const scrubbed = await w.server.gql(w.biller, SCRUB, { input: { id } });
  if (scrubbed.data?.scrubClaim.claim.status !== 'READY') throw new Error(`claim not READY: ${JSON.stringify(scrubbed)}`);
  await db.transaction(async (tx) => {
    await markSubmitted(tx, w.practiceId, [id], 'batch-test', 'biller-test');
    if (opts.accepted !== false) await recordAcknowledgment(tx, w.practiceId, id, { accepted: true, payerClaimNumber: `ICN${++icn}${id.slice(0, 6)}`, reference: '277CA-test' });
  });
  return (await db.select().from(claims).where(eq(claims.id, id)))[0]!;
}

/** What the simulated payer knows of our claim. */
export const submittedOf = (c: ClaimRow, previouslyAdjudicated = false): SubmittedClaim => ({ snapshot: c.snapshot, payerClaimControlNumber: c.payerClaimNumber ?? `ICN-${c.number}`, previouslyAdjudicated });

let control = 100;
/** A simulated 835 for these claims (fresh control and trace numbers each call). */
export function simulated835(list: readonly SubmittedClaim[], trace = `CHK${++control}`) {
  return simulateRemittance(list, { controlNumber: ++control, at: new Date('2026-03-20T12:00:00Z'), paymentDate: '2026-03-20', traceNumber: trace });
}

export const POST_REMITTANCE = `mutation P($input: PostRemittanceInput!) { postRemittance(input: $input) { replayed remittance { id status traceNumber total paymentDate issues { kind code }
  claims { id claimId outcome unmatchedReason statusCode paid charge patientResponsibility payerClaimNumber remarkCodes reversed
    adjustments { group reasonCode amount } lines { lineNumber claimLinePosition procedureCode charge paid allowed remarkCodes adjustments { group reasonCode amount } } }
  providerAdjustments { reasonCode amount reference } } } }`;

/** Posts an 835 as the world's biller. */
export function post835(w: RemittanceWorld, x12: string, idempotencyKey: string, token = w.biller) {
  return w.server.gql(token, POST_REMITTANCE, { input: { x12, idempotencyKey } });
}

/** The world for remittance tests: a practice ready for claims (see claimWorld). */
export const remittanceWorld = (server: TestServer) => claimWorld(server);
