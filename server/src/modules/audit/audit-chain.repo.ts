import { eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { auditChainHeads } from '../../db/schema/audit.js';

/**
 * The canonical content of batch `b`, spelled out exactly as medoffice_audit_content() in the
 * audit_chain_link migration (the linking trigger's). Kept here rather than calling that function, so that a superuser who
 * replaces the function cannot make a rewritten row verify. The clean-trail tests prove both agree.
 */
const CONTENT = sql.raw(
  `pg_catalog.json_build_array(b.id, b.practice_id, pg_catalog.to_char(b.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), b.user_id, b.roles, b.action, b.operation_name, b.request_id, b.client_id, b.entity_types, b.entity_ids, b.patient_ids)::text`,
);

/** A link that does not follow from its predecessor, as the verifier found it. */
export interface LinkBreakRow {
  seq: number;
  /** The previous link present, 0 when there is none. */
  prevSeq: number;
  batchId: number;
  batchMissing: boolean;
}

/**
 * The links to verify for batches recorded in [from, to): from the first link of a batch at or after
 * `from` (or link 1) to the last link of a batch before `to` (or the last link). Links are numbered in
 * commit order and batch instants are transaction starts, so the range may take in a few neighbours.
 * @returns the seq range, or null when the window holds no linked batch
 */
export async function findChainRange(db: Db, practiceId: string, from: Date | null, to: Date | null): Promise<{ lo: number; hi: number } | null> {
  const windowed = (agg: 'min' | 'max') => sql`(select ${sql.raw(agg)}(c.seq) from audit_chain c join audit_batches b on b.id = c.batch_id
      where c.practice_id = ${practiceId} and b.practice_id = ${practiceId}
      ${from ? sql`and b.at >= ${from.toISOString()}::timestamptz` : sql``} ${to ? sql`and b.at < ${to.toISOString()}::timestamptz` : sql``})`;
  const last = sql`(select max(seq) from audit_chain where practice_id = ${practiceId})`;
  const [row] = rowsOf<{ lo: string | null; hi: string | null }>(
    await db.execute(sql`select ${from ? windowed('min') : sql`case when ${last} is null then null else 1 end`} as lo, ${to ? windowed('max') : last} as hi`),
  );
  if (row?.lo == null || row.hi == null || Number(row.lo) > Number(row.hi)) return null;
  return { lo: Number(row.lo), hi: Number(row.hi) };
}

/**
 * Recomputes the links lo..hi of a practice's chain in one statement and returns the first one that does
 * not follow: a gap before it (links deleted), its batch gone, or a hash that is not
 * sha256(previous hash || content of its batch) (batch edited, or links reordered or rewritten). The
 * previous link present before `lo` is the trusted starting point.
 * @returns the first broken link, or null when lo..hi all follow
 */
export async function findFirstBrokenLink(db: Db, practiceId: string, lo: number, hi: number): Promise<LinkBreakRow | null> {
  const recomputed = sql`pg_catalog.encode(pg_catalog.sha256(coalesce(pg_catalog.decode(o.prev_hash, 'hex'), ''::bytea) || pg_catalog.convert_to(${CONTENT}, 'UTF8')), 'hex')`;
  const [row] = rowsOf<{ seq: string; prev_seq: string | null; batch_id: string; batch_missing: boolean }>(
    await db.execute(sql`
      with links as (
        (select seq, batch_id, hash from audit_chain where practice_id = ${practiceId} and seq < ${lo} order by seq desc limit 1)
        union all
        select seq, batch_id, hash from audit_chain where practice_id = ${practiceId} and seq between ${lo} and ${hi}
      ), ordered as (
        select seq, batch_id, hash, lag(seq) over w as prev_seq, lag(hash) over w as prev_hash from links window w as (order by seq)
      )
      select o.seq, o.prev_seq, o.batch_id, b.id is null as batch_missing
        from ordered o left join audit_batches b on b.id = o.batch_id
       where o.seq >= ${lo} and (o.seq <> coalesce(o.prev_seq, 0) + 1 or b.id is null or ${recomputed} <> o.hash)
       order by o.seq
       limit 1`),
  );
  if (!row) return null;
  return { seq: Number(row.seq), prevSeq: Number(row.prev_seq ?? 0), batchId: Number(row.batch_id), batchMissing: row.batch_missing };
}

/** The link numbered `seq` of a practice's chain, or null. */
export async function findLink(db: Db, practiceId: string, seq: number): Promise<{ seq: number; hash: string; linkedAt: Date } | null> {
  const [row] = rowsOf<{ seq: string; hash: string; linked_at: string | Date }>(
    await db.execute(sql`select seq, hash, linked_at from audit_chain where practice_id = ${practiceId} and seq = ${seq}`),
  );
  return row ? { seq: Number(row.seq), hash: row.hash, linkedAt: new Date(row.linked_at) } : null;
}

/**
 * The first batch of a practice, in [from, to) when given, that has no link: recorded with the linking
 * trigger disabled (every committed batch is linked by its own transaction).
 * @returns its id, or null
 */
export async function findUnchainedBatch(db: Db, practiceId: string, from: Date | null, to: Date | null): Promise<number | null> {
  const [row] = rowsOf<{ id: string }>(
    await db.execute(sql`
      select b.id from audit_batches b
       where b.practice_id = ${practiceId}
         ${from ? sql`and b.at >= ${from.toISOString()}::timestamptz` : sql``} ${to ? sql`and b.at < ${to.toISOString()}::timestamptz` : sql``}
         and not exists (select 1 from audit_chain c where c.batch_id = b.id)
       order by b.id
       limit 1`),
  );
  return row ? Number(row.id) : null;
}

export type ChainHeadRow = typeof auditChainHeads.$inferSelect;

/** The head the linking trigger advances for one practice (the number of links it has made), or null. */
export async function findChainHead(db: Db, practiceId: string): Promise<ChainHeadRow | null> {
  const [row] = await db.select().from(auditChainHeads).where(eq(auditChainHeads.practiceId, practiceId));
  return row ?? null;
}

/**
 * The last link of every practice's chain, read from the links themselves (not the head cache), for
 * exporting to storage the database's superusers cannot write. One index probe per practice.
 * @returns one row per practice that has a chain, by practice id
 */
export async function listLastLinks(db: Db): Promise<{ practiceId: string; seq: number; hash: string; linkedAt: Date }[]> {
  const rows = rowsOf<{ practice_id: string; seq: string; hash: string; linked_at: string | Date }>(
    await db.execute(sql`
      select p.id as practice_id, l.seq, l.hash, l.linked_at
        from practices p
        cross join lateral (select seq, hash, linked_at from audit_chain c where c.practice_id = p.id order by seq desc limit 1) l
       order by p.id`),
  );
  return rows.map((r) => ({ practiceId: r.practice_id, seq: Number(r.seq), hash: r.hash, linkedAt: new Date(r.linked_at) }));
}
