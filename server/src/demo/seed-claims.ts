import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { superbills } from '../db/schema/superbills.js';
import { insertClaimFromSuperbill } from '../modules/claims/claim-create.js';
import { runEdits } from '../modules/claims/claim-scrub.js';
import { loadScrubContext } from '../modules/claims/claim-scrub.context.js';
import { ClaimStatus } from '../modules/claims/claim-status.js';
import { moveLockedClaims } from '../modules/claims/claim-transition.service.js';
import * as repo from '../modules/claims/claim.repo.js';

/** How many of the newest finalized superbills the demo bills (each claim costs a dozen statements). */
const CLAIMS = 60;

/**
 * Turns the demo practice's newest finalized superbills into claims, through the same functions the API
 * uses: the newest third stay DRAFT (not yet scrubbed); the rest are scrubbed — most come out READY, and
 * one in six carries a mistyped member id (a trailing "#", as typed at the desk) so its scrub fails with
 * MEMBER_ID_INVALID and it waits, DRAFT, for a biller to fix it; one in twelve carries a member id
 * copied from an old card — well formed, so it scrubs clean, but unknown to the payer (the simulator's
 * REJ prefix), so its 277CA will reject it. Self-pay visits get no claim. Submission states come from
 * the submission step (seed-claim-flow.ts).
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
    const today = now.toISOString().slice(0, 10);
    for (const [i, claim] of made.entries()) {
      if (i < made.length / 3) continue;
      let row = claim;
      const typo = i % 6 === 1 ? `${row.snapshot.subscriber.memberId}#` : i % 12 === 4 ? `REJ${row.snapshot.subscriber.memberId.replace(/^[A-Z]+/, '')}` : null;
      if (typo) {
        const snapshot = { ...row.snapshot, subscriber: { ...row.snapshot.subscriber, memberId: typo } };
        [row] = (await repo.updateClaims(tx, practiceId, [row.id], { snapshot })) as [repo.ClaimRow];
      }
      const result = runEdits(await loadScrubContext(tx, practiceId, row, today), row.revision, now);
      if (result.clean) await moveLockedClaims(tx, practiceId, [row], { to: ClaimStatus.READY, source: 'SCRUB', by: 'demo', reason: 'scrubbed clean', patch: { lastScrub: result } });
      else await repo.updateClaims(tx, practiceId, [row.id], { lastScrub: result });
    }
    return made.length;
  });
}
