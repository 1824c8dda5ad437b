import type { FieldProblem } from '../../graphql/errors.js';

export const MAX_DIAGNOSES = 12;
export const MAX_LINES = 50;
export const MAX_MODIFIERS = 4;
export const MAX_POINTERS = 4;
const LETTERS = 'ABCDEFGHIJKL';

/** A service line as the rules see it (after normalisation). */
export interface LineDraft {
  code: string;
  modifiers: string[];
  units: number;
  unitCharge?: number | null;
  chargeOverrideReason?: string | null;
  diagnosisPointers: string[];
}

/** ICD-10-CM without its dot, upper case ("j06.9" → "J069"). */
export const normalizeDiagnosis = (code: string) => code.trim().toUpperCase().replace('.', '');

/** ICD-10-CM as printed, with the dot after the category ("J069" → "J06.9"). */
export const printDiagnosis = (code: string) => (code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code);

/** Pointer letter A–L → diagnosis position 1–12, or null. */
export const pointerPosition = (letter: string): number | null => {
  const i = LETTERS.indexOf(letter.trim().toUpperCase());
  return letter.trim().length === 1 && i >= 0 ? i + 1 : null;
};

/** Diagnosis position 1–12 → pointer letter A–L. */
export const pointerLetter = (position: number) => LETTERS[position - 1] ?? '?';

const ICD10CM = /^[A-TV-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$/;
// CPT (5 digits, or 4 digits + F/T/U for category II/III and PLA codes) and HCPCS Level II (letter + 4 digits).
const PROCEDURE = /^(\d{4}[0-9FTU]|[A-V]\d{4})$/;
const MODIFIER = /^[A-Z0-9]{2}$/;

/**
 * Checks everything about diagnoses and lines that needs no database: counts, code shapes, pointers
 * (each names a diagnosis that exists, at most 4, no repeats), units ≥ 1, no negative charge, an
 * override reason with an overridden charge, modifier 95 on telehealth lines when the payer asks.
 * @returns every problem found, with its path under `base` (e.g. input.lines.2.diagnosisPointers.0)
 */
export function checkShape(base: string, diagnoses: string[], lines: LineDraft[], telehealth95: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (diagnoses.length > MAX_DIAGNOSES) problems.push({ path: `${base}.diagnoses`, message: `must have at most ${MAX_DIAGNOSES} diagnoses` });
  if (lines.length > MAX_LINES) problems.push({ path: `${base}.lines`, message: `must have at most ${MAX_LINES} lines` });
  const seen = new Set<string>();
  diagnoses.forEach((code, i) => {
    if (!ICD10CM.test(code)) problems.push({ path: `${base}.diagnoses.${i}`, message: 'is not an ICD-10-CM code' });
    else if (seen.has(code)) problems.push({ path: `${base}.diagnoses.${i}`, message: 'repeats an earlier diagnosis' });
    seen.add(code);
  });
  for (const [i, line] of lines.entries()) problems.push(...checkLine(`${base}.lines.${i}`, line, diagnoses.length, telehealth95));
  return problems;
}

function checkLine(path: string, line: LineDraft, diagnosisCount: number, telehealth95: boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!PROCEDURE.test(line.code)) problems.push({ path: `${path}.code`, message: 'is not a CPT or HCPCS code' });
  if (line.modifiers.length > MAX_MODIFIERS) problems.push({ path: `${path}.modifiers`, message: `must have at most ${MAX_MODIFIERS} modifiers` });
  line.modifiers.forEach((m, j) => {
    if (!MODIFIER.test(m)) problems.push({ path: `${path}.modifiers.${j}`, message: 'is not a two-character modifier' });
  });
  if (new Set(line.modifiers).size !== line.modifiers.length) problems.push({ path: `${path}.modifiers`, message: 'must not repeat a modifier' });
  if (telehealth95 && !line.modifiers.includes('95')) problems.push({ path: `${path}.modifiers`, message: "needs modifier 95: the payer requires it on telehealth visits" });
  if (!Number.isInteger(line.units) || line.units < 1) problems.push({ path: `${path}.units`, message: 'must be a whole number of at least 1' });
  if (line.unitCharge != null && line.unitCharge < 0) problems.push({ path: `${path}.unitCharge`, message: 'must not be negative' });
  if (line.diagnosisPointers.length === 0) problems.push({ path: `${path}.diagnosisPointers`, message: 'must point at least at one diagnosis' });
  if (line.diagnosisPointers.length > MAX_POINTERS) problems.push({ path: `${path}.diagnosisPointers`, message: `must have at most ${MAX_POINTERS} pointers` });
  const used = new Set<number>();
  line.diagnosisPointers.forEach((letter, j) => {
    const pos = pointerPosition(letter);
    if (pos === null || pos > diagnosisCount) problems.push({ path: `${path}.diagnosisPointers.${j}`, message: 'points at no diagnosis of this superbill' });
    else if (used.has(pos)) problems.push({ path: `${path}.diagnosisPointers.${j}`, message: 'repeats a pointer' });
    if (pos !== null) used.add(pos);
  });
  return problems;
}

/**
 * The fee of one unit of a line: the fee schedule's price on the date of service unless the caller
 * gives another one, which then needs a reason.
 * @param scheduleFee - the charge master's price (null when it has none)
 * @returns the unit fee, or the problem on the line's path
 */
export function unitFeeOf(path: string, line: LineDraft, scheduleFee: number | null): { unitFee: number } | { problem: FieldProblem } {
  const given = line.unitCharge ?? null;
  if (given === null) {
    if (scheduleFee === null) return { problem: { path: `${path}.unitCharge`, message: 'is required: the fee schedule has no price for this code on the date of service' } };
    return { unitFee: scheduleFee };
  }
  const overrides = scheduleFee !== null && given !== scheduleFee;
  if (overrides && !line.chargeOverrideReason?.trim()) return { problem: { path: `${path}.chargeOverrideReason`, message: 'is required when the charge differs from the fee schedule' } };
  return { unitFee: given };
}

/** Lines of one superbill that repeat a code with the same modifiers (a possible duplicate). */
export function repeatedLines(lines: { code: string; modifiers: string[] }[]): number[] {
  const seen = new Set<string>();
  const repeats: number[] = [];
  lines.forEach((l, i) => {
    const key = `${l.code}|${[...l.modifiers].sort().join(',')}`;
    if (seen.has(key)) repeats.push(i);
    seen.add(key);
  });
  return repeats;
}
