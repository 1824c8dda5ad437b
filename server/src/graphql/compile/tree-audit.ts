import type { AuditFold, FoldPath } from '../../db/compile/audit-fold.js';
import type { TreeSelection } from '../../db/compile/tree-selection.js';
import type { AuditTrail } from '../../modules/audit/audit-trail.js';
import { allows, type Principal } from '../auth.js';
import { GUARDED_TREE_FIELDS } from '../compiled-types.js';
import { rolesOf } from './tree-values.js';

const rules = new Map<string, readonly string[] | null>();

/** The `@Authorized` list of a guarded tree field (type-graphql's metadata does not change once the schema is built). */
function ruleOf(type: string, field: string): readonly string[] | null {
  const key = `${type}.${field}`;
  if (!rules.has(key)) {
    const r = rolesOf(type, field);
    rules.set(key, r && r.middlewares === 0 ? r.roles : null);
  }
  return rules.get(key)!;
}

/**
 * The guarded relations of a page's root objects whose reads the page statement may write itself: listed
 * in GUARDED_TREE_FIELDS with the read their presenter records, selected in every response (no
 * `@skip`/`@include` in the operation, no arguments to validate), and allowed to this principal by the
 * field's own rule — which, for the authChecker, depends on the principal only (`allows`), never on the
 * root object. Anything else keeps being recorded by its resolver and flushed after execution.
 */
function foldedFields(sel: TreeSelection, principal: Principal): FoldPath[] {
  if (sel.conditional) return [];
  const out: FoldPath[] = [];
  for (const g of GUARDED_TREE_FIELDS) {
    if (g.type !== sel.type || !g.audit) continue;
    const f = sel.fields.find((x) => x.name === g.field);
    if (!f || f.ambiguous || Object.keys(f.args).length > 0) continue;
    const rule = ruleOf(g.type, g.field);
    if (rule && allows(principal, rule)) out.push({ type: g.audit.type, via: g.field, many: g.audit.many, patient: g.audit.patient });
  }
  return out;
}

/**
 * The audit batch a compiled page writes in its own statement (db/compile/audit-fold.ts): the request's
 * pending reads, then `root` of every returned object (what the service records for it), then the
 * foldable guarded relations selected below it.
 * @param root - the entity each returned object stands for (the same read the service records)
 * @param page - the page's limit (rows beyond it never leave) and direction
 * @returns undefined for an anonymous request (nothing is audited)
 */
export function treeAuditFold(audit: AuditTrail, sel: TreeSelection, root: FoldPath, page: { limit: number; forward: boolean }): AuditFold | undefined {
  const source = audit.foldSource();
  const principal = audit.principal;
  if (!source || !principal) return undefined;
  return { source, root, nested: foldedFields(sel, principal), limit: page.limit, forward: page.forward };
}
