import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput, type FieldProblem, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../../graphql/pagination.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { ClearinghouseError } from '../../x12/clearinghouse.js';
import { copayToCollect, type EligibilityVerdict, OFFICE_VISIT_SERVICE_TYPE, summarize271 } from '../../x12/eligibility-summary.js';
import { build270, type EligibilityInquiry } from '../../x12/x12-270.js';
import { parse271 } from '../../x12/x12-271.js';
import { RELATIONSHIP_CODES, SERVICE_TYPE_CODES } from '../../x12/x12-codes.js';
import { X12FormatError } from '../../x12/x12-document.js';
import type { VerifyEligibilityInput } from './eligibility.inputs.js';
import { type EligibilityCheckRow, toEligibilityCheck } from './eligibility.mapper.js';
import * as repo from './eligibility.repo.js';
import type { EligibilityRuntime } from './eligibility.runtime.js';
import type { EligibilityCheck } from './eligibility.type.js';
import { sqlState } from './insurance.errors.js';

const MAX_RAW = 200_000;

/** Records the reads and maps rows. */
export function presentChecks(audit: AuditTrail, rows: EligibilityCheckRow[]): EligibilityCheck[] {
  for (const r of rows) audit.read('EligibilityCheck', r.id, r.patientId);
  return rows.map(toEligibilityCheck);
}

function checkServiceTypes(codes: string[], visit: string | null | undefined): void {
  const problems: FieldProblem[] = codes.flatMap((c, i) => (SERVICE_TYPE_CODES[c] ? [] : [{ path: `input.serviceTypeCodes.${i}`, message: 'is not a known X12 service type code' }]));
  if (visit != null && !SERVICE_TYPE_CODES[visit]) problems.push({ path: 'input.visitServiceTypeCode', message: 'is not a known X12 service type code' });
  if (problems.length) throw badInput(problems);
}

type Inquiry = NonNullable<Awaited<ReturnType<typeof repo.findCoverageForInquiry>>>;

function inquiryOf(ctx: Inquiry, provider: { npi: string; givenName: string; familyName: string }, input: VerifyEligibilityInput, controlNumber: number, traceNumber: string, at: Date): EligibilityInquiry {
  const { coverage: c, payer, patient } = ctx;
  const patientPerson = { given: patient.givenName, middle: patient.middleName, family: patient.familyName, dateOfBirth: patient.dateOfBirth, sex: patient.sexAtBirth as 'FEMALE' | 'MALE' | 'UNKNOWN' };
  const self = c.subscriberRelationship === 'SELF' || !c.subscriber;
  return {
    controlNumber, traceNumber, at,
    payer: { name: payer.name, ediPayerId: payer.ediPayerId },
    provider: { npi: provider.npi, given: provider.givenName, family: provider.familyName },
    subscriber: { ...(self ? patientPerson : c.subscriber!), memberId: c.memberId, groupNumber: c.groupNumber },
    dependent: self ? null : { ...patientPerson, relationshipCode: RELATIONSHIP_CODES[c.subscriberRelationship as keyof typeof RELATIONSHIP_CODES] ?? '34' },
    dateOfService: input.dateOfService,
    serviceTypeCodes: input.serviceTypeCodes,
  };
}

/** Sends the 270 and turns whatever comes back into a verdict; only CIRCUIT_OPEN escapes (nothing sent). */
async function exchange(runtime: EligibilityRuntime, raw270: string, input: VerifyEligibilityInput, traceNumber: string): Promise<{ raw271: string | null; verdict: EligibilityVerdict }> {
  let raw271: string;
  try {
    raw271 = await runtime.clearinghouse.send270(raw270);
  } catch (err) {
    if (!(err instanceof ClearinghouseError)) throw err;
    if (err.kind === 'CIRCUIT_OPEN') throw new AppError('UPSTREAM_UNAVAILABLE', 'The clearinghouse is unavailable; nothing was sent. Retry later.', { retryable: true });
    return { raw271: null, verdict: { outcome: 'UNKNOWN', reason: err.kind === 'TIMEOUT' ? 'UPSTREAM_TIMEOUT' : `UPSTREAM_ERROR: ${err.message}`, summary: null } };
  }
  try {
    const verdict = summarize271(parse271(raw271), { serviceTypeCodes: input.serviceTypeCodes, dateOfService: input.dateOfService, expectedTrace: traceNumber, visitServiceType: input.visitServiceTypeCode ?? OFFICE_VISIT_SERVICE_TYPE });
    return { raw271, verdict };
  } catch (err) {
    if (!(err instanceof X12FormatError)) throw err;
    return { raw271, verdict: { outcome: 'UNKNOWN', reason: `MALFORMED_RESPONSE: ${err.message}`, summary: null } };
  }
}

/** A stored check for the same key: the same inquiry gets it back, another one is refused. */
function replay(row: EligibilityCheckRow, input: VerifyEligibilityInput): EligibilityCheckRow {
  const same = row.coverageId === input.coverageId && row.providerId === input.providerId && row.dateOfService === input.dateOfService && row.serviceTypeCodes.join(',') === input.serviceTypeCodes.join(',');
  if (!same) throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used for another eligibility inquiry', { idempotencyKey: input.idempotencyKey });
  return row;
}

/**
 * Verifies a coverage for a date of service: builds a 270, sends it through the clearinghouse, parses
 * the 271 and stores one complete EligibilityCheck (raw texts included). Timeouts, upstream errors and
 * malformed answers are stored as UNKNOWN with the reason.
 * @throws NOT_FOUND for a coverage or provider outside the practice; BAD_USER_INPUT for unknown
 *   service type codes, a date of service outside the coverage dates, a cancelled coverage or an
 *   inactive provider; UPSTREAM_UNAVAILABLE (retryable) when the circuit is open and nothing was sent;
 *   IDEMPOTENCY_KEY_REUSED when the key belongs to another inquiry
 */
export async function verifyEligibility(db: Db, runtime: EligibilityRuntime, principal: Principal, audit: AuditTrail, input: VerifyEligibilityInput): Promise<EligibilityCheck> {
  checkServiceTypes(input.serviceTypeCodes, input.visitServiceTypeCode);
  const key = input.idempotencyKey ?? null;
  const earlier = key ? await repo.findCheckByIdempotencyKey(db, principal.practiceId, key) : null;
  if (earlier) return presentChecks(audit, [replay(earlier, input)])[0]!;
  const [ctx, provider] = await Promise.all([repo.findCoverageForInquiry(db, principal.practiceId, input.coverageId), repo.findProvider(db, principal.practiceId, input.providerId)]);
  if (!ctx) throw notFound('Coverage', input.coverageId);
  if (!provider) throw notFound('Provider', input.providerId);
  const c = ctx.coverage;
  if (c.status !== 'ACTIVE') throw badInput([{ path: 'input.coverageId', message: 'is cancelled' }]);
  if (input.dateOfService < c.effectiveDate || (c.endDate && input.dateOfService > c.endDate)) {
    throw badInput([{ path: 'input.dateOfService', message: 'is outside the coverage’s effective and end dates' }]);
  }
  if (!provider.active) throw badInput([{ path: 'input.providerId', message: 'is an inactive provider' }]);
  const controlNumber = await repo.nextControlNumber(db);
  const traceNumber = `MO${controlNumber}${randomBytes(4).toString('hex').toUpperCase()}`;
  const requestedAt = new Date();
  const raw270 = build270(inquiryOf(ctx, provider, input, controlNumber, traceNumber, requestedAt), runtime.parties);
  const { raw271, verdict } = await exchange(runtime, raw270, input, traceNumber);
  const expectedCopayCents = verdict.outcome === 'NOT_ELIGIBLE' ? null : ((verdict.summary ? copayToCollect(verdict.summary) : null) ?? c.copayCents);
  const values: repo.NewEligibilityCheckRow = {
    coverageId: c.id, patientId: c.patientId, providerId: provider.id, dateOfService: input.dateOfService, serviceTypeCodes: input.serviceTypeCodes,
    outcome: verdict.outcome, reason: verdict.reason, summary: verdict.summary, expectedCopayCents,
    interchangeControlNumber: controlNumber, traceNumber, raw270, raw271: raw271?.slice(0, MAX_RAW) ?? null,
    requestedBy: principal.userId, idempotencyKey: key, requestedAt, respondedAt: raw271 === null ? null : new Date(),
  };
  let row: EligibilityCheckRow;
  try {
    row = await db.transaction(async (tx) => {
      const created = await repo.insertEligibilityCheck(tx, principal.practiceId, values);
      await audit.write(tx, 'CREATE', 'EligibilityCheck', created.id, created.patientId);
      return created;
    });
  } catch (err) {
    // A concurrent retry with the same key stored first: answer with its check.
    const winner = key && sqlState(err) === '23505' ? await repo.findCheckByIdempotencyKey(db, principal.practiceId, key) : null;
    if (!winner) throw err;
    row = replay(winner, input);
  }
  return presentChecks(audit, [row])[0]!;
}

/**
 * A page of checks of a patient or a coverage, newest first.
 * @throws BAD_USER_INPUT unless exactly one of patientId and coverageId is given
 */
export async function listEligibilityChecks(db: Db, principal: Principal, audit: AuditTrail, filter: { patientId?: string | null; coverageId?: string | null }, page: PageRequest): Promise<ConnectionShape<EligibilityCheck>> {
  if (!filter.patientId === !filter.coverageId) throw badInput([{ path: 'patientId', message: 'give exactly one of patientId and coverageId' }]);
  const rows = await repo.pageEligibilityChecks(db, principal.practiceId, filter, page.limit, page.cursor, page.forward);
  const conn = toConnection(rows, page, (r) => [r.requestedAt.toISOString(), r.id], (r) => r);
  return { ...conn, edges: conn.edges.map((e) => ({ cursor: e.cursor, node: presentChecks(audit, [e.node])[0]! })) };
}
