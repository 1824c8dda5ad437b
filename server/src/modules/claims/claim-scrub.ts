import type { ScrubFindingJson, ScrubResultJson } from '../../db/schema/claims.js';
import type { ClaimEdit, ScrubContext } from './edits/edit.js';
import { CLAIM_EDITS } from './edits/registry.js';

/**
 * Runs edits over a loaded context. Pure. The claim is clean when no finding is an ERROR (warnings
 * inform only).
 */
export function runEdits(ctx: ScrubContext, revision: number, at: Date, edits: readonly ClaimEdit[] = CLAIM_EDITS): ScrubResultJson {
  const findings: ScrubFindingJson[] = edits.flatMap((e) => e.run(ctx).map((f) => ({ code: e.code, severity: e.severity, message: f.message, path: f.path })));
  return { at: at.toISOString(), revision, clean: !findings.some((f) => f.severity === 'ERROR'), findings };
}
