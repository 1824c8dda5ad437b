import type { Db } from '../../db/client.js';
import type { BillingProviderJson } from '../../db/schema/superbills.js';
import type { FieldProblem } from '../../graphql/errors.js';
import { getBillingProfile } from '../billing/billing-profile.read.js';
import { checkCodes as checkCodeSets, type CodeProblem, describeCodes } from '../codes/code.service.js';
import { feesFor } from '../fees/fee.service.js';
import { findPractice } from './superbill-refs.repo.js';

/**
 * What superbills need from the billing setup (code sets, fee schedules, billing profile), in one
 * place so the rest of the module does not depend on how those are stored.
 */

/** Result of checking a superbill's codes against the code sets in force on its date of service. */
export interface CodeCheck {
  problems: FieldProblem[];
  /** Description of each diagnosis code (normalised, without dot). */
  diagnoses: Map<string, string>;
  /** Description (or the practice's fee-schedule label) of each procedure code. */
  procedures: Map<string, string>;
}

/**
 * Checks diagnosis, procedure and modifier codes against the versions in force on the date of service
 * (known, billable), and describes them (CPT: the practice's fee-schedule label).
 * @param base - path prefix of the input; problems come back on `base.diagnoses.i`, `base.lines.i.code`
 *   and `base.lines.i.modifiers.j`
 */
export async function checkCodes(db: Db, practiceId: string, dateOfService: string, diagnoses: string[], lines: { code: string; modifiers: string[] }[], base: string): Promise<CodeCheck> {
  const modifierPaths = lines.flatMap((l, i) => l.modifiers.map((_, j) => `${base}.lines.${i}.modifiers.${j}`));
  const q = { dateOfService, diagnoses, procedures: lines.map((l) => l.code), modifiers: lines.flatMap((l) => l.modifiers) };
  const [problems, described] = await Promise.all([checkCodeSets(db, practiceId, q), describeCodes(db, practiceId, q)]);
  const pathOf = (p: CodeProblem) => (p.list === 'diagnoses' ? `${base}.diagnoses.${p.index}` : p.list === 'procedures' ? `${base}.lines.${p.index}.code` : modifierPaths[p.index]!);
  const describedMap = (list: { code: string; description: string | null }[]) => new Map(list.filter((d) => d.description).map((d) => [d.code, d.description!]));
  return { problems: problems.map((p) => ({ path: pathOf(p), message: p.message })), diagnoses: describedMap(described.diagnoses), procedures: describedMap(described.procedures) };
}

/** The charge master's unit price of each line on the date of service (null where it has none), one statement. */
export async function scheduleFees(db: Db, practiceId: string, dateOfService: string, lines: { code: string; modifiers: string[] }[]): Promise<(number | null)[]> {
  if (lines.length === 0) return [];
  const quotes = await feesFor(db, practiceId, { dateOfService, lines: lines.map((l) => ({ code: l.code, modifiers: l.modifiers })) });
  return quotes.map((q) => q.chargeCents);
}

/** Who bills: the practice's billing profile (legal name, TIN, group NPI, billing address), else the practice's name and tax id. */
export async function billingIdentity(db: Db, practiceId: string): Promise<BillingProviderJson> {
  const profile = await getBillingProfile(db, practiceId);
  if (profile) return { name: profile.legalName, tin: profile.tin, npi: profile.groupNpi, address: profile.billingAddress };
  const practice = await findPractice(db, practiceId);
  return { name: practice?.name ?? '', tin: practice?.taxId?.replace(/\D/g, '') || null, npi: null, address: null };
}
