import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../server/src/db/client.js';

/**
 * A practice's chain recomputed in Node from the canonical content documented in docs/operations.md
 * (independent of the database's functions), beside the stored links, in link order.
 */
export async function recomputeChain(db: Db, practiceId: string): Promise<{ seq: number; batchId: number; stored: string; recomputed: string }[]> {
  const rows = rowsOf<{ seq: string; hash: string; id: string; at: string; b: Record<string, unknown> }>(
    await db.execute(sql`
      select c.seq, c.hash, b.id, to_char(b.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, to_jsonb(b) as b
        from audit_chain c join audit_batches b on b.id = c.batch_id where c.practice_id = ${practiceId} order by c.seq`),
  );
  let prev = Buffer.alloc(0);
  return rows.map((r) => {
    const b = r.b;
    const fields = [Number(r.id), b.practice_id, r.at, b.user_id, b.roles, b.action, b.operation_name, b.request_id, b.client_id, b.entity_types, b.entity_ids, b.patient_ids];
    const content = `[${fields.map((f) => JSON.stringify(f)).join(', ')}]`;
    prev = createHash('sha256').update(prev).update(content, 'utf8').digest();
    return { seq: Number(r.seq), batchId: Number(r.id), stored: r.hash, recomputed: prev.toString('hex') };
  });
}
