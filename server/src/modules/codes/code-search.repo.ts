import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';

/** One search hit: the code, what describes it, and where that text comes from. */
export interface CodeHitRow {
  code: string;
  description: string | null;
  shortDescription: string | null;
  billable: boolean;
  source: string;
}

export interface CodeSearch {
  /** Raw words as typed (lowercased), for trigram matching. */
  words: string;
  /** The query as a code prefix (uppercased, no dot), or null when it cannot be one. */
  prefix: string | null;
  date: string;
  limit: number;
  offset: number;
}

const inForce = (system: string, date: string, practiceId: string | null) =>
  sql`(select v.id from code_set_versions v where v.system = ${system} and v.effective_from <= ${date} and ${practiceId ? sql`v.practice_id = ${practiceId}` : sql`v.practice_id is null`} order by v.effective_from desc limit 1)`;

const matches = (s: CodeSearch, code: ReturnType<typeof sql>, text: ReturnType<typeof sql>) =>
  s.prefix ? sql`(${code} like ${`${s.prefix}%`} or ${s.words} <% ${text})` : sql`${s.words} <% ${text}`;

// Ranked: the exact code, then code-prefix matches, then word similarity (typos), then the shorter (more
// general) text, then the code. One trigram computation per candidate row beyond the index recheck.
const ORDER = (s: CodeSearch) =>
  sql`case when code = ${s.prefix ?? ''} then 0 when ${s.prefix !== null} and code like ${`${s.prefix ?? ''}%`} then 1 else 2 end, word_similarity(${s.words}, coalesce(description, '')) desc, length(description), code`;

/**
 * One page of ICD-10-CM codes of the version in force on a date matching a code prefix or words
 * (typo-tolerant through pg_trgm's `<%`, index-backed). One statement.
 */
export async function searchDiagnoses(db: Db, s: CodeSearch): Promise<CodeHitRow[]> {
  const result = await db.execute(sql`
    select code, description, short_description as "shortDescription", billable, 'ICD10CM' as source from codes c
    where c.version_id = ${inForce('ICD10CM', s.date, null)} and c.kind = 'DIAGNOSIS' and ${matches(s, sql`c.code`, sql`c.description`)}
    order by ${ORDER(s)} limit ${s.limit} offset ${s.offset}`);
  return rowsOf<CodeHitRow>(result);
}

/**
 * One page of procedure codes on a date for a practice: HCPCS Level II of the version in force, the
 * practice's licensed CPT import, and CPT codes its charge master labels (when not in a CPT import).
 * One statement.
 */
export async function searchProcedures(db: Db, practiceId: string, s: CodeSearch): Promise<CodeHitRow[]> {
  const result = await db.execute(sql`
    select * from (
      select c.code, c.description, c.short_description as "shortDescription", c.billable, 'HCPCS' as source from codes c
      where c.version_id = ${inForce('HCPCS', s.date, null)} and c.kind = 'PROCEDURE' and ${matches(s, sql`c.code`, sql`c.description`)}
      union all
      select c.code, c.description, c.short_description, c.billable, 'CPT' from codes c
      where c.version_id = ${inForce('CPT', s.date, practiceId)} and c.kind = 'PROCEDURE' and ${matches(s, sql`c.code`, sql`c.description`)}
      union all
      (select distinct on (e.code) e.code, e.label, null, true, 'FEE_SCHEDULE' from fee_schedule_entries e
      join fee_schedules f on f.id = e.schedule_id and f.payer_id is null
      where e.practice_id = ${practiceId} and e.code ~ '^[0-9]{4}[0-9FTU]$' and e.label is not null
        and e.effective_from <= ${s.date} and (e.effective_to is null or e.effective_to >= ${s.date})
        and ${matches(s, sql`e.code`, sql`e.label`)}
        and not exists (select 1 from codes x where x.version_id = ${inForce('CPT', s.date, practiceId)} and x.kind = 'PROCEDURE' and x.code = e.code)
      order by e.code, e.modifiers)
    ) hits
    order by ${ORDER(s)} limit ${s.limit} offset ${s.offset}`);
  return rowsOf<CodeHitRow>(result);
}
