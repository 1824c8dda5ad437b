import type { Db } from '../../db/client.js';
import { badInput, type FieldProblem } from '../../graphql/errors.js';
import { checkCodes, scheduleFees } from './superbill-billing.js';
import type { NewDiagnosis, NewLine } from './superbill.repo.js';
import { checkShape, type LineDraft, normalizeDiagnosis, pointerPosition, unitFeeOf } from './superbill.rules.js';

/** Diagnoses and lines ready to store, with the total charge. */
export interface Content {
  diagnoses: NewDiagnosis[];
  lines: NewLine[];
  totalCharge: number;
}

/** What the content of a superbill is checked against. */
export interface ContentContext {
  practiceId: string;
  dateOfService: string;
  /** The visit is telehealth and the payer wants modifier 95 on its lines. */
  telehealth95: boolean;
  /** Path prefix of the input (`input`). */
  base: string;
}

const normalizeLine = (l: LineDraft): LineDraft => ({ ...l, code: l.code.trim().toUpperCase(), modifiers: l.modifiers.map((m) => m.trim().toUpperCase()), diagnosisPointers: l.diagnosisPointers.map((p) => p.trim().toUpperCase()) });

/**
 * Checks and prices a superbill's diagnoses and lines: shape rules, codes valid and billable on the
 * date of service, and each line's charge (fee schedule × units, or an override with a reason).
 * @returns the rows to store
 * @throws BAD_USER_INPUT listing every problem with its path; nothing is stored
 */
export async function buildContent(db: Db, ctx: ContentContext, rawDiagnoses: string[], rawLines: (LineDraft & { note?: string | null })[]): Promise<Content> {
  const diagnoses = rawDiagnoses.map(normalizeDiagnosis);
  const lines = rawLines.map(normalizeLine);
  const shape = checkShape(ctx.base, diagnoses, lines, ctx.telehealth95);
  if (shape.length) throw badInput(shape);
  const [codes, fees] = await Promise.all([
    checkCodes(db, ctx.practiceId, ctx.dateOfService, diagnoses, lines, ctx.base),
    scheduleFees(db, ctx.practiceId, ctx.dateOfService, lines),
  ]);
  const problems: FieldProblem[] = [...codes.problems];
  const stored: NewLine[] = [];
  lines.forEach((line, i) => {
    const fee = unitFeeOf(`${ctx.base}.lines.${i}`, line, fees[i] ?? null);
    if ('problem' in fee) {
      problems.push(fee.problem);
      return;
    }
    const charge = fee.unitFee * line.units;
    if (!Number.isSafeInteger(charge) || charge > 2_000_000_000) problems.push({ path: `${ctx.base}.lines.${i}.units`, message: 'gives a charge that is too large' });
    stored.push({
      position: i + 1,
      code: line.code,
      description: codes.procedures.get(line.code) ?? null,
      modifiers: line.modifiers,
      units: line.units,
      unitFeeCents: fee.unitFee,
      chargeCents: charge,
      scheduleFeeCents: fees[i] ?? null,
      chargeOverrideReason: fees[i] !== line.unitCharge && line.unitCharge != null ? (line.chargeOverrideReason?.trim() || null) : null,
      diagnosisPointers: line.diagnosisPointers.map((p) => pointerPosition(p)!),
      note: rawLines[i]!.note?.trim() || null,
    });
  });
  if (problems.length) throw badInput(problems);
  const totalCharge = stored.reduce((sum, l) => sum + l.chargeCents, 0);
  if (totalCharge > 2_000_000_000) throw badInput([{ path: `${ctx.base}.lines`, message: 'give a total charge that is too large' }]);
  return { diagnoses: diagnoses.map((code, i) => ({ position: i + 1, code, description: codes.diagnoses.get(code) ?? null })), lines: stored, totalCharge };
}
