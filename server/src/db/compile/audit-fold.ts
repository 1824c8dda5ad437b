import type { Rendered } from './render-sql.js';
import type { TreeRow } from './tree-page.js';

/** What every entity of the folded batch shares (the columns of `audit_batches` besides the entities). */
export interface FoldCommon {
  practiceId: string;
  userId: string;
  roles: readonly string[];
  clientId: string | null;
  operationName: string | null;
  requestId: string;
}

/** An entity recorded before the page statement (a pending read, e.g. the PatientSearch): written first. */
export interface FoldedEntity {
  entityType: string;
  entityId: string;
  patientId: string | null;
}

/**
 * Entities a page's objects hold, each read as `{ id, [patient] }`: the object itself (`via` null), the
 * object under a field of it (`via`, `many` false), or each element of a list field (`many` true).
 */
export interface FoldPath {
  type: string;
  via: string | null;
  many: boolean;
  /** The field holding the entity's patient id ('id' for a Patient), or null for none. */
  patient: string | null;
}

/** Where the fold's batch comes from and where it reports what it wrote (the request's AuditTrail). */
export interface FoldSource {
  common: FoldCommon;
  /** Reads recorded before the statement, in order: written first, and no longer pending once it succeeds. */
  before: readonly FoldedEntity[];
  /** `Type:id` keys this request already wrote: never written again. */
  skip: readonly string[];
  /** Called once the statement ran: with exactly the keys it wrote (`before`'s included), or null when it failed. */
  settle(keys: readonly string[] | null): void;
}

/** The audit batch of a page statement: what leaves with each of the page's returned root objects. */
export interface AuditFold {
  source: FoldSource;
  /** The root objects' own entities (recorded first, in page order), then guarded nested fields (row by row). */
  root: FoldPath;
  nested: readonly FoldPath[];
  /** The rows returned: the statement reads limit + 1 for hasNextPage/hasPreviousPage, that row never leaves. */
  limit: number;
  /** Forward pages return rows in statement order; backward pages reverse them (the audit follows). */
  forward: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const name = (s: string) => {
  if (!NAME.test(s)) throw new Error(`audit fold: not a plain name: ${s}`);
  return s;
};

/** One SELECT of (t, i, pt, part, ord, j, k) rows for one path: `o` is a root object of the page. */
function pathRows(p: FoldPath, part: number, j: number): string {
  const patient = (v: string) => (p.patient ? `${v}->>'${name(p.patient)}'` : 'null');
  const t = `'${name(p.type)}'`;
  if (!p.via) return `select ${t}, fr.o->>'id', ${patient('fr.o')}, ${part}, fr.ord, ${j}, 0::bigint from fr`;
  const via = `fr.o->'${name(p.via)}'`;
  if (!p.many) return `select ${t}, ${via}->>'id', ${patient(via)}, ${part}, fr.ord, ${j}, 0::bigint from fr`;
  return `select ${t}, c.v->>'id', ${patient('c.v')}, ${part}, fr.ord, ${j}, c.k from fr, json_array_elements(case when json_typeof(${via}) = 'array' then ${via} else '[]'::json end) with ordinality c(v, k)`;
}

/** A text[] literal of the values (one parameter). */
function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * The page statement with the request's READ batch inserted by the same statement (a data-modifying CTE
 * over the page's result), so the audit row costs no round trip and the page cannot be read without it:
 * the reads recorded before, then each returned root object's entities in the order the response lists
 * them, then the guarded nested entities row by row; each entity once, none this request already wrote.
 * No row is written when nothing is left. The text depends on the paths and the page's own text only;
 * every per-request value (practice, user, roles, client, operation, request id, earlier reads, limit,
 * direction) is a parameter, appended after the page's.
 * @param nodeAlone - the page's rows are the objects themselves rather than `[keys, object]` (`pageRowSql`)
 * @returns the page's columns plus `audited`, the number of entities written (null when none)
 */
export function foldedQuery(page: Rendered, fold: AuditFold, nodeAlone: boolean): Rendered {
  const params = [...page.params];
  const $ = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const c = fold.source.common;
  const paths = [pathRows(fold.root, 1, 0), ...fold.nested.map((p, j) => pathRows(p, 2, j))].join(' union all ');
  const before = JSON.stringify(fold.source.before.map((e) => [e.entityType, e.entityId, e.patientId]));
  const object = nodeAlone ? 'x.v' : 'x.v->1';
  const text = `with p as (${page.text}),
  fr as (select x.n * ${$(fold.forward ? 1 : -1)}::int as ord, ${object} as o from p, json_array_elements(p.rows::json) with ordinality x(v, n) where x.n <= ${$(fold.limit)}::int),
  f (t, i, pt, part, ord, j, k) as (select b.v->>0, b.v->>1, b.v->>2, 0, b.n, 0, 0::bigint from json_array_elements(${$(before)}::json) with ordinality b(v, n) union all ${paths}),
  d as (select distinct on (t, i) t, i, pt, part, ord, j, k from f where i is not null and (t || ':' || i) <> all(${$(textArray(fold.source.skip))}::text[]) order by t, i, part, ord, j, k),
  a as (insert into "audit_batches" (practice_id, user_id, roles, client_id, action, operation_name, request_id, entity_types, entity_ids, patient_ids)
    select ${$(c.practiceId)}::uuid, ${$(c.userId)}::text, ${$(textArray(c.roles))}::text[], ${$(c.clientId)}::text, 'READ', ${$(c.operationName)}::text, ${$(c.requestId)}::text,
           array_agg(t order by part, ord, j, k), array_agg(i order by part, ord, j, k), array_agg(pt::uuid order by part, ord, j, k)
      from d having count(*) > 0
    returning cardinality(entity_ids) as n)
  select p.*, (select n from a) as audited from p`;
  return { text, params };
}

const idOf = (v: unknown): string | null => (v !== null && typeof v === 'object' && (v as { id?: unknown }).id != null ? String((v as { id: unknown }).id) : null);

/**
 * The `Type:id` keys `foldedStatement` writes for these page rows, by the same rule (JS side): the
 * earlier reads, then every path's entities of the returned rows; each once, minus `skip`.
 */
export function foldedKeys(rows: readonly TreeRow[], fold: AuditFold): string[] {
  const skip = new Set(fold.source.skip);
  const out = new Set<string>();
  const add = (type: string, id: string | null) => {
    if (id === null) return;
    const key = `${type}:${id}`;
    if (!skip.has(key)) out.add(key);
  };
  for (const e of fold.source.before) add(e.entityType, e.entityId);
  const paths = [fold.root, ...fold.nested];
  const n = Math.min(rows.length, fold.limit);
  for (let r = 0; r < n; r++) {
    const o = rows[r]![1];
    for (const p of paths) {
      if (!p.via) add(p.type, idOf(o));
      else if (!p.many) add(p.type, idOf(o[p.via]));
      else if (Array.isArray(o[p.via])) for (const v of o[p.via] as unknown[]) add(p.type, idOf(v));
    }
  }
  return [...out];
}
