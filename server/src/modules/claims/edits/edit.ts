import type { ClaimSnapshot } from '../claim-snapshot.js';

/** ERROR blocks submission; WARNING informs. */
export type EditSeverity = 'ERROR' | 'WARNING';

/** A code problem of the claim, from the code sets in force on the date of service, on its snapshot path. */
export interface ClaimCodeProblem {
  list: 'diagnoses' | 'procedures' | 'modifiers';
  /** Snapshot path: diagnoses.1, lines.0.code, lines.0.modifiers.1. */
  path: string;
  message: string;
}

/** Everything the edits look at, loaded once per scrub in a fixed number of statements. */
export interface ScrubContext {
  claimId: string;
  snapshot: ClaimSnapshot;
  /** The scrub's date (UTC), YYYY-MM-DD. */
  today: string;
  payer: { id: string; timelyFilingDays: number; telehealthModifier95: boolean; priorAuthorizationRequired: boolean };
  coverage: { status: string; effectiveDate: string; endDate: string | null };
  /** The newest eligibility answer for the coverage on the date of service, if one was asked. */
  eligibility: { outcome: string; priorAuthorizationRequired: boolean | null } | null;
  codeProblems: ClaimCodeProblem[];
  /** Live claims of other superbills: same patient, rendering provider and date of service. */
  sameDayClaims: { id: string; codes: string[] }[];
}

/** One thing an edit found, on the snapshot's field path (subscriber.memberId, lines.0.modifiers). */
export interface EditFinding {
  message: string;
  path: string;
}

/** A named check of a claim. A payer-specific edit is one such object in one file. */
export interface ClaimEdit {
  /** Stable code clients branch on. */
  code: string;
  severity: EditSeverity;
  /** What the edit checks (for documentation and the edit list). */
  description: string;
  run(ctx: ScrubContext): EditFinding[];
}
