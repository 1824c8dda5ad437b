import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { coverages } from '../db/schema/insurance.js';
import { superbillLines, superbills } from '../db/schema/superbills.js';
import { insertClaimFromSuperbill } from '../modules/claims/claim-create.js';
import { runEdits } from '../modules/claims/claim-scrub.js';
import { loadScrubContext } from '../modules/claims/claim-scrub.context.js';
import { ClaimStatus } from '../modules/claims/claim-status.js';
import { moveLockedClaims } from '../modules/claims/claim-transition.service.js';
import * as repo from '../modules/claims/claim.repo.js';

/** How many of the newest finalized superbills the demo bills (each claim costs a dozen statements). */
const CLAIMS = 60;
/** The simulated payer's rules by the member id's last digit (ERA_SIMULATOR_RULES) the demo bills one claim of each. */
const RULE_DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8'] as const;
/** Older claims with a member id the payer will not know (the 277CA rejects them). */
const UNKNOWN_MEMBERS = 2;

type SuperbillRow = typeof superbills.$inferSelect;

/**
 * Older finalized superbills of active members (plain W… member ids, which every simulator answers as a
 * normal member) picked so the demo meets each payer rule: the newest one per last digit of the member
 * id (a rule-6 one with two lines or more, so only part of it is denied), then two more whose member
 * ids will be mistyped. One statement.
 */
async function ruleSuperbills(tx: Db, practiceId: string, skip: ReadonlySet<string>): Promise<{ sb: SuperbillRow; unknownMember: boolean }[]> {
  const lines = sql<number>`(select count(*)::int from ${superbillLines} where ${superbillLines.superbillId} = ${superbills.id})`;
  const candidates = (
    await tx
      .select({ sb: superbills, memberId: coverages.memberId, lines })
      .from(superbills)
      .innerJoin(coverages, and(eq(coverages.patientId, superbills.patientId), eq(coverages.payerId, superbills.payerId), eq(coverages.coverageOrder, 'PRIMARY'), eq(coverages.status, 'ACTIVE')))
      .where(and(eq(superbills.practiceId, practiceId), eq(superbills.status, 'FINALIZED'), sql`${coverages.memberId} ~ '^W[0-9]+$'`))
      .orderBy(desc(superbills.dateOfService), desc(superbills.number))
  ).filter((c) => !skip.has(c.sb.id));
  const picked = new Set<string>();
  const out: { sb: SuperbillRow; unknownMember: boolean }[] = [];
  const pick = (test: (c: (typeof candidates)[number]) => boolean, unknownMember: boolean) => {
    const c = candidates.find((x) => !picked.has(x.sb.id) && test(x));
    if (!c) return;
    picked.add(c.sb.id);
    out.push({ sb: c.sb, unknownMember });
  };
  for (const d of RULE_DIGITS) pick((c) => c.memberId.endsWith(d) && (d !== '6' || c.lines > 1), false);
  for (let i = 0; i < UNKNOWN_MEMBERS; i++) pick(() => true, true);
  return out;
}

/** Scrubs a claim as the scrubber service does: READY when clean, else it keeps the findings and stays DRAFT. */
async function scrub(tx: Db, practiceId: string, row: repo.ClaimRow, now: Date): Promise<void> {
  const result = runEdits(await loadScrubContext(tx, practiceId, row, now.toISOString().slice(0, 10)), row.revision, now);
  if (result.clean) await moveLockedClaims(tx, practiceId, [row], { to: ClaimStatus.READY, source: 'SCRUB', by: 'demo', reason: 'scrubbed clean', patch: { lastScrub: result } });
  else await repo.updateClaims(tx, practiceId, [row.id], { lastScrub: result });
}

/** The claim with another member id in its snapshot (as typed at the desk). */
async function withMemberId(tx: Db, practiceId: string, row: repo.ClaimRow, memberId: string): Promise<repo.ClaimRow> {
  const snapshot = { ...row.snapshot, subscriber: { ...row.snapshot.subscriber, memberId } };
  return (await repo.updateClaims(tx, practiceId, [row.id], { snapshot }))[0]!;
}

/**
 * Turns the demo practice's newest finalized superbills into claims, through the same functions the API
 * uses: the newest third stay DRAFT (not yet scrubbed); the rest are scrubbed — most come out READY, and
 * one in six carries a mistyped member id (a trailing "#", as typed at the desk) so its scrub fails with
 * MEMBER_ID_INVALID and it waits, DRAFT, for a biller to fix it. Self-pay visits get no claim. A few
 * older visits are billed too, scrubbed READY (see ruleSuperbills): one per simulated payer rule, and
 * two whose member id was copied from an old card — well formed, but unknown to the payer (the
 * simulator's REJ prefix), so their 277CA will reject them. Submission states come from the submission
 * step (seed-claim-flow.ts).
 * @returns how many claims were made
 */
export async function seedDemoClaims(db: Db, practiceId: string, now: Date = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const finalized = await tx.select().from(superbills).where(and(eq(superbills.practiceId, practiceId), eq(superbills.status, 'FINALIZED'))).orderBy(desc(superbills.dateOfService), desc(superbills.number)).limit(CLAIMS);
    const made: repo.ClaimRow[] = [];
    for (const sb of finalized) {
      const row = await insertClaimFromSuperbill(tx, practiceId, sb, 'demo', 'SYSTEM');
      if (row) made.push(row);
    }
    for (const [i, claim] of made.entries()) {
      if (i < made.length / 3) continue;
      await scrub(tx, practiceId, i % 6 === 1 ? await withMemberId(tx, practiceId, claim, `${claim.snapshot.subscriber.memberId}#`) : claim, now);
    }
    let older = 0;
    for (const { sb, unknownMember } of await ruleSuperbills(tx, practiceId, new Set(finalized.map((s) => s.id)))) {
      const row = await insertClaimFromSuperbill(tx, practiceId, sb, 'demo', 'SYSTEM');
      if (!row) continue;
      older += 1;
      await scrub(tx, practiceId, unknownMember ? await withMemberId(tx, practiceId, row, `REJ${row.snapshot.subscriber.memberId.slice(1)}`) : row, now);
    }
    return made.length + older;
  });
}
