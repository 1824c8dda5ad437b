import { randomUUID } from 'node:crypto';
import type { GraphQLResolveInfo } from 'graphql';
import type { AuditTrail } from '../../modules/audit/audit-trail.js';
import { allows } from '../auth.js';
import { SQL_TYPES } from '../compiled-types.js';
import type { Context } from '../context.js';
import { type ConnectionShape, type PageRequest, toConnection } from '../pagination.js';
import { type EdgesPlan, edgesPlan, MISSING } from './response-sql.js';
import type { TreeAudit } from './tree-values.js';

/**
 * A connection's edges as PostgreSQL wrote them (JSON text exactly as the response holds it), put
 * into the response body in place of the empty list the executor saw: `path` is the root field's
 * response key, then the edges' one.
 */
export interface Splice {
  path: readonly [string, string];
  json: string;
}

// The stand-in the executor's result carries where a splice goes: unguessable, and no JSON escaping in it.
const TOKEN = `splice:${randomUUID()}:`;

/** What a connection's service needs to have its page's edges written by PostgreSQL (see readSplicedPage). */
export interface EdgesSplice {
  /** The SQL of one edge of the row `t0` (EDGE_CURSOR where its cursor goes). */
  edge: string;
  /** SQL over `t0` of what each row carries back for the audit: the node's `id` and `patientId`, then each presenter's `idOf`. */
  carries: readonly string[];
  audits: readonly TreeAudit[];
  /** Hands the edges' JSON to the response. */
  deliver(json: string): void;
}

/**
 * How the root connection field being resolved can have its edges written by PostgreSQL: only on
 * requests whose body our HTTP listener writes (`ctx.splices` is set), for a root field, when the
 * selection can be written in SQL (`edgesPlan`) and the caller passes every role rule in it (a
 * refusal is the ordinary path's to shape).
 * @returns null when the page takes the ordinary path
 */
export function edgesSplice(ctx: Context, info: GraphQLResolveInfo): EdgesSplice | null {
  const splices = ctx.splices;
  const principal = ctx.principal;
  if (!splices || !principal || info.path.prev !== undefined) return null;
  const plan: EdgesPlan | null = edgesPlan(SQL_TYPES, info);
  if (!plan) return null;
  for (const rule of plan.rules) if (!allows(principal, rule)) return null;
  const path: [string, string] = [String(info.path.key), plan.edgesKey];
  return {
    edge: plan.edge,
    carries: plan.carries,
    audits: plan.audits,
    deliver: (json) => splices.push({ path, json }),
  };
}

/** A page read by `readSplicedPage`: per row its key and the carried fields, the edges' JSON, the count. */
export interface SplicedPage {
  rows: [key: unknown[], carried: unknown[]][];
  edges: string;
  total: number | null;
}

/**
 * The connection of a page whose edges PostgreSQL wrote: page info and count as `toConnection` makes
 * them, each row audited as the ordinary path audits it (the node as `entity`, then each presenter's
 * read, row by row in response order), the edges handed to the response and the list the executor
 * sees left empty.
 * @returns null when a required relation was missing (the ordinary path answers it)
 */
export function splicedConnection<T>(read: SplicedPage, page: PageRequest, splice: EdgesSplice, audit: AuditTrail, entity: string): ConnectionShape<T> | null {
  if (read.edges.includes(MISSING)) return null;
  const connection = toConnection(read.rows, page, (r) => r[0], (r) => r[1], read.total);
  for (const { node } of connection.edges) audit.read(entity, node[0] as string, node[1] as string);
  if (splice.audits.length > 0) {
    for (const { node } of connection.edges) {
      splice.audits.forEach((a, i) => {
        const id = node[2 + i] as string;
        audit.read(a.entity, id, id);
      });
    }
  }
  splice.deliver(read.edges);
  return { ...connection, edges: [] };
}

/** Puts each splice's stand-in into the executor's result, where the (empty) edges are. */
export function placeSplices(data: Record<string, unknown> | null | undefined, splices: readonly Splice[] | undefined): void {
  if (!data || !splices) return;
  splices.forEach((s, i) => {
    const connection = data[s.path[0]];
    if (connection !== null && typeof connection === 'object' && Array.isArray((connection as Record<string, unknown>)[s.path[1]])) {
      (connection as Record<string, unknown>)[s.path[1]] = `${TOKEN}${i}`;
    }
  });
}

/** The response body with each placed stand-in (a JSON string) replaced by its edges' JSON. */
export function spliceBody(body: string, splices: readonly Splice[]): string {
  let out = body;
  splices.forEach((s, i) => {
    const token = `"${TOKEN}${i}"`;
    const at = out.indexOf(token);
    if (at >= 0) out = out.slice(0, at) + s.json + out.slice(at + token.length);
  });
  return out;
}
