import type { Db } from '../../db/client.js';
import { checkCodes } from '../codes/code.service.js';
import type { ClaimSnapshot } from './claim-snapshot.js';
import { findCoverageWithPayer, findLastEligibility } from './claim-source.repo.js';
import { findSameDayClaims, type ClaimRow } from './claim.repo.js';
import type { ClaimCodeProblem, ScrubContext } from './edits/edit.js';

/** Code problems of the snapshot on its own paths (diagnoses.i, lines.i.code, lines.i.modifiers.j). */
async function codeProblemsOf(db: Db, practiceId: string, s: ClaimSnapshot): Promise<ClaimCodeProblem[]> {
  const modifierPaths = s.lines.flatMap((l, i) => l.modifiers.map((_, j) => `lines.${i}.modifiers.${j}`));
  const problems = await checkCodes(db, practiceId, { dateOfService: s.dateOfService, diagnoses: s.diagnoses, procedures: s.lines.map((l) => l.code), modifiers: s.lines.flatMap((l) => l.modifiers) });
  return problems.map((p) => ({
    list: p.list,
    path: p.list === 'diagnoses' ? `diagnoses.${p.index}` : p.list === 'procedures' ? `lines.${p.index}.code` : modifierPaths[p.index]!,
    message: p.message,
  }));
}

/**
 * Loads what the edits need for one claim: coverage and payer (1 statement), the last eligibility
 * answer (1), the code sets in force (2) and same-day claims (1) — five statements whatever the claim.
 */
export async function loadScrubContext(db: Db, practiceId: string, claim: ClaimRow, today: string): Promise<ScrubContext> {
  const s = claim.snapshot;
  const [cov, eligibility, codeProblems, sameDayClaims] = await Promise.all([
    findCoverageWithPayer(db, practiceId, claim.coverageId),
    findLastEligibility(db, practiceId, claim.coverageId, s.dateOfService),
    codeProblemsOf(db, practiceId, s),
    findSameDayClaims(db, practiceId, { superbillId: claim.superbillId, patientId: claim.patientId, renderingProviderId: claim.renderingProviderId, dateOfService: claim.dateOfService }),
  ]);
  const { coverage, payer } = cov!;
  return {
    claimId: claim.id,
    snapshot: s,
    today,
    payer: { id: payer.id, timelyFilingDays: payer.timelyFilingDays, telehealthModifier95: payer.telehealthModifier95, priorAuthorizationRequired: payer.priorAuthorizationRequired },
    coverage: { status: coverage.status, effectiveDate: coverage.effectiveDate, endDate: coverage.endDate },
    eligibility: eligibility ? { outcome: eligibility.outcome, priorAuthorizationRequired: eligibility.summary?.priorAuthorizationRequired ?? null } : null,
    codeProblems,
    sameDayClaims,
  };
}
