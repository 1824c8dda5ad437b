import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

/**
 * Rebuilds a practice's A/R items (`ar_items`) from its ledger, claims and superbills in one set-based
 * statement: the same rows the triggers of migration `ar_items_triggers` keep entry by entry, for a load
 * that ran with those triggers disabled (bench datasets, bulk imports). Per item (superbill × patient, else
 * patient × claim, else the patient's account): the sums of both parts, the greatest payer, the first and
 * last effective dates, the superbill's date of service, payer, provider and location, and the first
 * submission — the earliest submitted_at of the superbill's claims and of the claims the item's entries are
 * posted to (for an item without a superbill, of its own claim). `ledger-property.test.ts` checks the rebuilt
 * rows against the trigger-kept ones.
 *
 * Call it inside a transaction (it deletes the practice's items first) and run ANALYZE on ar_items after a
 * bulk load: autovacuum may be off.
 */
export async function rebuildArItems(db: Db, practiceId: string): Promise<void> {
  await db.execute(sql`delete from ar_items where practice_id = ${practiceId}`);
  await db.execute(sql`
    with sums as (
      select e.practice_id, e.superbill_id, e.patient_id, case when e.superbill_id is null then e.claim_id end as claim_id,
             sum(e.insurance_cents) as ins, sum(e.patient_cents) as pat, max(e.payer_id::text)::uuid as payer,
             min(e.effective_date) as first, max(e.effective_date) as last, min(c.submitted_at) as entry_submitted_at
        from ledger_entries e
        left join claims c on c.id = e.claim_id and c.practice_id = e.practice_id
       where e.practice_id = ${practiceId}
       group by 1, 2, 3, 4
    ),
    superbill_submissions as (
      select c.superbill_id, min(c.submitted_at) as submitted_at
        from claims c
       where c.practice_id = ${practiceId} and c.superbill_id is not null
       group by 1
    )
    insert into ar_items (practice_id, superbill_id, patient_id, claim_id, insurance_cents, patient_cents, entry_payer_id,
                          first_effective_date, last_effective_date, date_of_service, payer_id, rendering_provider_id, location_id, first_submitted_at)
    select s.practice_id, s.superbill_id, s.patient_id, s.claim_id, s.ins, s.pat, s.payer, s.first, s.last,
           sb.date_of_service, sb.payer_id, sb.rendering_provider_id, sb.location_id, least(s.entry_submitted_at, ss.submitted_at)
      from sums s
      left join superbills sb on sb.id = s.superbill_id
      left join superbill_submissions ss on ss.superbill_id = s.superbill_id`);
}
