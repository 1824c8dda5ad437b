import type { Db } from '../../db/client.js';
import { findSameDayCodes, type NewLine, type SuperbillRow } from './superbill.repo.js';
import { repeatedLines } from './superbill.rules.js';
import { type SuperbillWarning, SuperbillWarningCode } from './superbill.type.js';

/**
 * Possible duplicates: a code billed twice on this superbill (same modifiers), or on another live
 * superbill of the same patient, rendering provider and date of service. Warnings, not errors.
 */
export async function duplicateWarnings(db: Db, row: SuperbillRow, lines: Pick<NewLine, 'code' | 'modifiers'>[]): Promise<SuperbillWarning[]> {
  const warnings: SuperbillWarning[] = repeatedLines(lines).map((i) => ({
    code: SuperbillWarningCode.POSSIBLE_DUPLICATE,
    path: `lines.${i}`,
    message: `code ${lines[i]!.code} is billed twice on this superbill`,
    otherSuperbillId: null,
  }));
  const exclude = [row.id, ...(row.supersedesId ? [row.supersedesId] : [])];
  const others = await findSameDayCodes(db, row.practiceId, row, [...new Set(lines.map((l) => l.code))], exclude);
  lines.forEach((l, i) => {
    for (const o of others.filter((x) => x.code === l.code)) {
      warnings.push({ code: SuperbillWarningCode.POSSIBLE_DUPLICATE, path: `lines.${i}`, message: `code ${l.code} is also billed on superbill ${o.superbillId} for the same patient, provider and date`, otherSuperbillId: o.superbillId });
    }
  });
  return warnings;
}
