import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { claims } from '../db/schema/claims.js';
import type { Principal } from '../graphql/auth.js';
import { Role } from '../graphql/roles.js';
import { AuditTrail } from '../modules/audit/audit-trail.js';
import { findSubmissionByKey } from '../modules/claims/claim-batch.repo.js';
import { closeClaim } from '../modules/claims/claim-close.service.js';
import { replaceClaim, voidClaim } from '../modules/claims/claim-correction.service.js';
import { ClaimStatus } from '../modules/claims/claim-status.js';
import { submitClaims } from '../modules/claims/claim-submission.service.js';
import type { ClaimSnapshot } from '../modules/claims/claim-snapshot.js';
import type { ClaimRow } from '../modules/claims/claim.repo.js';
import type { EligibilityRuntime } from '../modules/insurance/eligibility.runtime.js';
import { pollClearinghouse } from '../modules/clearinghouse-inbox/inbox-poll.service.js';
import { postRemittance } from '../modules/remittances/remittance-post.service.js';
import type { Clearinghouse } from '../x12/clearinghouse.js';
import { simulateRemittance, type SubmittedClaim } from '../x12/era-simulator.js';
import { sampleEnvelope } from '../x12/claim-fixture.js';
import { answer837 } from '../x12/simulated-claims.js';
import { SimulatedClearinghouse } from '../x12/simulated-clearinghouse.js';
import { build837P } from '../x12/x12-837p.js';

const SENT_KEY = 'demo:submit:acknowledged';
const PENDING_KEY = 'demo:submit:awaiting-277ca';
const INBOX_KEY = 'demo:submit:through-mailbox';
const RETRACED_KEY = 'demo:submit:answered-under-another-trace';
const PARTIES = { senderId: 'MEDOFFICEDEMO', receiverId: 'SIMULATOR', usage: 'T' } as const;

/**
 * A mailbox clearinghouse: the 999 comes back with the submission, the 277CA has not arrived yet (real
 * clearinghouses deliver it hours later), so its claims stay SUBMITTED.
 */
class AwaitingAcknowledgment implements Clearinghouse {
  private readonly inner = new SimulatedClearinghouse();
  send270(x12: string) { return this.inner.send270(x12); }
  send276(x12: string) { return this.inner.send276(x12); }
  async submit837(x12: string) { return { ack999: (await this.inner.submit837(x12)).ack999, acks277ca: null }; }
  listMailbox(mailbox: string) { return this.inner.listMailbox(mailbox); }
  fetchMailboxFile(mailbox: string, id: string) { return this.inner.fetchMailboxFile(mailbox, id); }
  acknowledgeMailboxFile(mailbox: string, id: string) { return this.inner.acknowledgeMailboxFile(mailbox, id); }
}

/**
 * A clearinghouse that re-batched the claims it was sent and answers them under its own trace: the 999
 * comes back with the submission, and later the mailbox holds one 277CA whose trace names none of the
 * practice's batches (the poll places it claim by claim by patient account number).
 */
class AnsweringUnderItsOwnTrace implements Clearinghouse {
  private readonly inner = new SimulatedClearinghouse();
  private filed: string | null = null;
  send270(x12: string) { return this.inner.send270(x12); }
  send276(x12: string) { return this.inner.send276(x12); }
  async submit837(x12: string) { return { ack999: (await this.inner.submit837(x12)).ack999, acks277ca: null }; }
  /** Files the 277CA for these claims as if the clearinghouse had sent them in its own batch. */
  fileRetraced(snapshots: ClaimSnapshot[], at: Date, control: number) {
    this.filed = answer837(build837P(snapshots, sampleEnvelope({ parties: { ...PARTIES }, interchangeControlNumber: control, groupControlNumber: control, transactionControlNumber: control, referenceId: `CHREBATCH${control}`, at }))).acks277ca;
  }
  async listMailbox() { return this.filed ? [{ id: 'demo-retraced-277ca', name: 'rebatched-277ca.x12' }] : []; }
  async fetchMailboxFile() { return this.filed ?? ''; }
  async acknowledgeMailboxFile() { this.filed = null; }
}

const runtime = (clearinghouse: Clearinghouse): EligibilityRuntime => ({ clearinghouse, parties: PARTIES, freshnessHours: 24, batchConcurrency: 1 });
const lastDigit = (c: ClaimRow) => c.snapshot.subscriber.memberId.trim().slice(-1);
const submitted = (c: ClaimRow, previouslyAdjudicated = false): SubmittedClaim => ({ snapshot: c.snapshot, payerClaimControlNumber: c.payerClaimNumber!, previouslyAdjudicated });

/** Posts one simulated 835 per payer of `list` through postRemittance (the payer pays each payee per payer). */
async function postEras(db: Db, principal: Principal, audit: AuditTrail, list: SubmittedClaim[], round: number, paidOn: Date): Promise<number> {
  const byPayer = new Map<string, SubmittedClaim[]>();
  for (const c of list) byPayer.set(c.snapshot.payer.ediPayerId, [...(byPayer.get(c.snapshot.payer.ediPayerId) ?? []), c]);
  let n = 0;
  for (const [payer, group] of [...byPayer].sort((a, b) => a[0].localeCompare(b[0]))) {
    const { x12 } = simulateRemittance(group, { controlNumber: round * 100 + ++n, at: paidOn, paymentDate: paidOn.toISOString().slice(0, 10), traceNumber: `DEMOERA${round}${String(n).padStart(3, '0')}` });
    await postRemittance(db, { practiceId: principal.practiceId, userId: principal.userId }, audit, x12, `demo:era:${round}:${payer}`);
  }
  return n;
}

/**
 * Takes the demo's READY claims through the rest of their life with the services the API uses, so every
 * claim status, remittances, denials and the unmatched queue have data: the oldest go out in one
 * submission through the simulated clearinghouse (the REJ member ids come back REJECTED by the 277CA,
 * the rest ACCEPTED); one claim of each simulated payer rule (by the member id's last digit, see
 * ERA_SIMULATOR_RULES) is paid, partly paid or denied by a simulated 835; a second 835
 * reverses and corrects the REVERSAL claim and denies a duplicate of a paid one (the unmatched queue);
 * a paid-in-full claim is closed, a rejected one voided, a denied one replaced (frequency 7) with the
 * prior authorization it lacked; three more claims wait for their 277CA (SUBMITTED); three go out
 * through a mailbox clearinghouse and come back through two polls of the practice's inbox (999 and
 * 277CA, then the ERA: the processed clearinghouseFiles); two are answered by a 277CA the clearinghouse sent under
 * its own trace (placed by account number); the newest stay READY. Runs once: a practice whose demo submission exists is left alone.
 * @returns how many claims were submitted and 835s posted (0 when seeded before)
 */
export async function seedDemoClaimFlow(db: Db, practiceId: string, now: Date = new Date()): Promise<{ submitted: number; remittances: number }> {
  if (await findSubmissionByKey(db, practiceId, SENT_KEY)) return { submitted: 0, remittances: 0 };
  const principal: Principal = { userId: 'demo-biller', practiceId, roles: [Role.BILLER] };
  const audit = new AuditTrail(principal, 'demo-seed', 'seedDemoClaimFlow');
  const ready = await db.select().from(claims).where(and(eq(claims.practiceId, practiceId), eq(claims.status, ClaimStatus.READY))).orderBy(asc(claims.dateOfService), asc(claims.number));
  const pool = [...ready];
  const take = (test: (c: ClaimRow) => boolean, n: number) => pool.filter(test).slice(0, n).map((c) => pool.splice(pool.indexOf(c), 1)[0]!);
  const rejected = take((c) => c.snapshot.subscriber.memberId.startsWith('REJ'), 3);
  // One claim per paying rule (0 in full, 1/9 contractual, 2 deductible, 3 coinsurance, 4 copay, 8 both), two denied, two partial, one reversal.
  const paying = ['0', '1', '2', '3', '4', '8'].flatMap((d) => take((c) => lastDigit(c) === d, 1));
  const adjudicate = [...paying, ...take((c) => lastDigit(c) === '5', 2), ...take((c) => lastDigit(c) === '6' && c.snapshot.lines.length > 1, 2), ...take((c) => lastDigit(c) === '7', 1)];
  const acceptedOnly = take(() => true, 3);
  const awaiting = take(() => true, 3);
  const inboxed = take(() => true, 3);
  // Claims of one payer route: the clearinghouse's own batch (one 837P) holds one route.
  const retracedRoute = pool[0]?.snapshot.payer.ediPayerId;
  const retraced = take((c) => c.snapshot.payer.ediPayerId === retracedRoute, 2);
  const sent = [...rejected, ...adjudicate, ...acceptedOnly];
  if (sent.length === 0) return { submitted: 0, remittances: 0 };

  const reload = async (list: ClaimRow[]) => (list.length ? db.select().from(claims).where(and(eq(claims.practiceId, practiceId), inArray(claims.id, list.map((c) => c.id)))).orderBy(asc(claims.number)) : []);
  await submitClaims(db, runtime(new SimulatedClearinghouse()), principal, audit, { claimIds: sent.map((c) => c.id), idempotencyKey: SENT_KEY });
  if (awaiting.length) await submitClaims(db, runtime(new AwaitingAcknowledgment()), principal, audit, { claimIds: awaiting.map((c) => c.id), idempotencyKey: PENDING_KEY });
  if (inboxed.length) {
    // A mailbox clearinghouse: nothing comes back with the submission; two polls of the practice's mailbox
    // take the 999 and the 277CA, then the ERA, into the inbox (clearinghouseFiles) and apply them.
    const mailbox = new SimulatedClearinghouse({ delivery: 'mailbox' });
    await submitClaims(db, runtime(mailbox), principal, audit, { claimIds: inboxed.map((c) => c.id), idempotencyKey: INBOX_KEY });
    for (let i = 0; i < 2; i++) await pollClearinghouse(db, mailbox, principal, audit);
  }
  if (retraced.length) {
    const own = new AnsweringUnderItsOwnTrace();
    await submitClaims(db, runtime(own), principal, audit, { claimIds: retraced.map((c) => c.id), idempotencyKey: RETRACED_KEY });
    own.fileRetraced((await reload(retraced)).map((c) => c.snapshot), now, 900_000 + Number(retraced[0]!.number % 90_000));
    await pollClearinghouse(db, own, principal, audit);
  }
  const accepted = (await reload(adjudicate)).filter((c) => c.status === ClaimStatus.ACCEPTED && c.payerClaimNumber);
  // Paid the day they were sent (the submission is stamped with the real clock): never paid before sent.
  let remittances = await postEras(db, principal, audit, accepted.map((c) => submitted(c)), 1, now);

  const after = await reload(accepted);
  const paidInFull = after.find((c) => c.status === ClaimStatus.PAID && (lastDigit(c) === '0' || lastDigit(c) === '1'));
  // Today's check: the payer reverses and corrects the REVERSAL claim, and denies a paid claim sent twice (CO-18) — unmatched, ALREADY_ADJUDICATED.
  const again = [...after.filter((c) => lastDigit(c) === '7'), ...after.filter((c) => c.status === ClaimStatus.PAID && c !== paidInFull && lastDigit(c) !== '7').slice(0, 1)];
  if (again.length) remittances += await postEras(db, principal, audit, again.map((c) => submitted(c, true)), 2, now);

  if (paidInFull) await closeClaim(db, principal, audit, { id: paidInFull.id, expectedVersion: paidInFull.version, reason: 'Paid in full, nothing left to collect (demo)' });
  const rejectedNow = (await reload(rejected)).filter((c) => c.status === ClaimStatus.REJECTED);
  if (rejectedNow.length > 1) await voidClaim(db, principal, audit, { id: rejectedNow[0]!.id, expectedVersion: rejectedNow[0]!.version, reason: 'Billed under the wrong visit; the right claim follows (demo)' });
  const denied = after.find((c) => c.status === ClaimStatus.DENIED && !c.snapshot.priorAuthorizationNumber);
  if (denied) await replaceClaim(db, principal, audit, { id: denied.id, expectedVersion: denied.version, reason: 'Denied for missing precertification; the prior authorization number is added (demo)', priorAuthorizationNumber: `PA${denied.patientAccountNumber.replace(/\D/g, '')}` });
  await audit.flush(db);
  return { submitted: sent.length + awaiting.length + inboxed.length, remittances };
}
