import type { FieldProblem } from '../../graphql/errors.js';
import { MAX_DIAGNOSES, MAX_LINES, MAX_MODIFIERS, MAX_POINTERS, normalizeDiagnosis, pointerPosition } from '../superbills/superbill.rules.js';
import type { ClaimSnapshot } from './claim-snapshot.js';
import { splitName } from './claim-snapshot.build.js';
import type { ClaimChangesInput } from './claim.inputs.js';

const MAX_CHARGE = 2_000_000_000;

/** Problems of shape only: whether codes are valid on the date of service is the scrubber's to say. */
function shapeProblems(c: ClaimChangesInput): FieldProblem[] {
  const p: FieldProblem[] = [];
  if (c.memberId !== undefined && !c.memberId?.trim()) p.push({ path: 'input.memberId', message: 'must not be blank' });
  if (c.diagnoses) {
    if (c.diagnoses.length === 0 || c.diagnoses.length > MAX_DIAGNOSES) p.push({ path: 'input.diagnoses', message: `must have 1 to ${MAX_DIAGNOSES} diagnoses` });
    c.diagnoses.forEach((d, i) => {
      if (!/^[A-Z0-9.]{3,8}$/i.test(d.trim())) p.push({ path: `input.diagnoses.${i}`, message: 'is not shaped like an ICD-10-CM code' });
    });
  }
  if (c.lines) {
    if (c.lines.length === 0 || c.lines.length > MAX_LINES) p.push({ path: 'input.lines', message: `must have 1 to ${MAX_LINES} lines` });
    c.lines.forEach((l, i) => {
      const at = `input.lines.${i}`;
      if (l.modifiers.length > MAX_MODIFIERS) p.push({ path: `${at}.modifiers`, message: `must have at most ${MAX_MODIFIERS} modifiers` });
      if (!Number.isInteger(l.units) || l.units < 1 || l.units > 9999) p.push({ path: `${at}.units`, message: 'must be a whole number from 1 to 9999' });
      if (l.charge < 0 || l.charge > MAX_CHARGE) p.push({ path: `${at}.charge`, message: 'must not be negative or too large' });
      if (l.diagnosisPointers.length === 0 || l.diagnosisPointers.length > MAX_POINTERS) p.push({ path: `${at}.diagnosisPointers`, message: `must have 1 to ${MAX_POINTERS} pointers` });
      l.diagnosisPointers.forEach((x, j) => {
        if (pointerPosition(x) === null) p.push({ path: `${at}.diagnosisPointers.${j}`, message: 'must be a letter A–L' });
      });
    });
  }
  return p;
}

const blankToNull = (v: string) => v.trim() || null;

/**
 * A snapshot with a biller's corrections applied (member id, group, prior authorization, referring
 * provider, diagnoses, lines and the total). Pure.
 * @returns the new snapshot, or the problems with their input paths
 */
export function applyChanges(s: ClaimSnapshot, c: ClaimChangesInput): { snapshot: ClaimSnapshot } | { problems: FieldProblem[] } {
  const problems = shapeProblems(c);
  if (problems.length) return { problems };
  const next: ClaimSnapshot = structuredClone(s);
  if (c.memberId != null) next.subscriber.memberId = c.memberId.trim().toUpperCase();
  if (c.groupNumber !== undefined) next.subscriber.groupNumber = c.groupNumber === null ? null : blankToNull(c.groupNumber);
  if (c.priorAuthorizationNumber !== undefined) next.priorAuthorizationNumber = c.priorAuthorizationNumber === null ? null : blankToNull(c.priorAuthorizationNumber);
  if (c.referringProvider !== undefined) next.referringProvider = c.referringProvider ? { npi: c.referringProvider.npi ?? '', name: splitName(c.referringProvider.name), taxonomyCode: null } : null;
  if (c.diagnoses) next.diagnoses = c.diagnoses.map(normalizeDiagnosis);
  if (c.lines) {
    next.lines = c.lines.map((l, i) => ({
      position: i + 1,
      code: l.code.trim().toUpperCase(),
      modifiers: l.modifiers.map((m) => m.trim().toUpperCase()),
      units: l.units,
      chargeCents: l.charge,
      diagnosisPointers: l.diagnosisPointers.map((x) => pointerPosition(x)!),
      dateOfService: s.dateOfService,
      placeOfServiceCode: null,
      description: s.lines.find((old) => old.code === l.code.trim().toUpperCase())?.description ?? null,
    }));
  }
  next.totalChargeCents = next.lines.reduce((sum, l) => sum + l.chargeCents, 0);
  if (next.totalChargeCents > MAX_CHARGE) return { problems: [{ path: 'input.lines', message: 'give a total charge that is too large' }] };
  return { snapshot: next };
}
