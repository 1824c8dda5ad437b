import type { Db } from '../../db/client.js';
import { findChargeLabels } from '../fees/fee.repo.js';
import { type CodeSetVersionRow, findCodesInAnyVersion, findVersionsInForce, type VersionedCodeRow } from './code.repo.js';
import { type CodeKind, type CodeSystem, displayCode, isDiagnosisFormat, isModifierFormat, isNumericModifier, normalizeCode, procedureSystem } from './code.rules.js';

/** The codes of one encounter to check or describe, as the user typed them (dots and case allowed). */
export interface CodeSetQuery {
  /** LocalDate (YYYY-MM-DD) of service: picks the code set version in force. */
  dateOfService: string;
  diagnoses?: readonly string[];
  procedures?: readonly string[];
  modifiers?: readonly string[];
}

export type CodeProblemReason = 'MALFORMED' | 'UNKNOWN' | 'NOT_IN_FORCE' | 'NOT_BILLABLE' | 'NO_CODE_SET';
export type CodeList = 'diagnoses' | 'procedures' | 'modifiers';

/** One problem with one code: where it is (`diagnoses.2`), the code as given, and why. No PHI. */
export interface CodeProblem {
  path: string;
  list: CodeList;
  index: number;
  code: string;
  reason: CodeProblemReason;
  message: string;
}

/** What a code means on a date, for display and PDFs. */
export interface CodeDescription {
  kind: CodeKind;
  /** Normalised code (ICD-10-CM without dot). */
  code: string;
  /** For display (ICD-10-CM with dot). */
  display: string;
  /** Null when nothing describes it (a CPT code without a licensed import or fee-schedule label). */
  description: string | null;
  shortDescription: string | null;
  /** Null when the code is not in the version in force. */
  billable: boolean | null;
  /** Where the description comes from. */
  source: CodeSystem | 'FEE_SCHEDULE' | null;
}

interface Lookup {
  inForce: Map<string, CodeSetVersionRow>;
  rows: VersionedCodeRow[];
}

async function lookup(db: Db, practiceId: string | null, q: CodeSetQuery): Promise<Lookup> {
  const all = [...(q.diagnoses ?? []), ...(q.procedures ?? []), ...(q.modifiers ?? [])].map(normalizeCode);
  const [versions, rows] = await Promise.all([findVersionsInForce(db, q.dateOfService, practiceId), findCodesInAnyVersion(db, practiceId, all)]);
  return { inForce: new Map(versions.map((v) => [v.system, v])), rows };
}

const NAMES: Record<CodeSystem, string> = { ICD10CM: 'ICD-10-CM', HCPCS: 'HCPCS', POS: 'place-of-service', CPT: 'CPT' };

/** Checks one code against the version of `system` in force; null when fine. */
function checkIn(l: Lookup, system: CodeSystem, kind: CodeKind, code: string, date: string): Omit<CodeProblem, 'path' | 'list' | 'index' | 'code'> | null {
  const shown = displayCode(kind, code);
  const version = l.inForce.get(system);
  if (!version) return { reason: 'NO_CODE_SET', message: `no ${NAMES[system]} code set is in force on ${date}` };
  const row = l.rows.find((r) => r.versionId === version.id && r.kind === kind && r.code === code);
  if (!row) {
    const other = l.rows.find((r) => r.system === system && r.kind === kind && r.code === code);
    if (other) return { reason: 'NOT_IN_FORCE', message: `${shown} is not in ${NAMES[system]} ${version.label}, the version in force on ${date} (it is in ${other.label})` };
    return { reason: 'UNKNOWN', message: `${shown} is not a ${NAMES[system]} ${kind === 'MODIFIER' ? 'modifier' : 'code'}` };
  }
  if (!row.billable) return { reason: 'NOT_BILLABLE', message: `${shown} is a category, not a billable code: use a more specific code` };
  return null;
}

function checkProcedure(l: Lookup, code: string, date: string) {
  const system = procedureSystem(code);
  if (!system) return { reason: 'MALFORMED' as const, message: 'is not a CPT (5 characters) or HCPCS Level II (letter + 4 digits) code' };
  // CPT numbers are format-checked only, unless the practice imported its licensed CPT file.
  if (system === 'CPT' && !l.inForce.has('CPT')) return null;
  return checkIn(l, system, 'PROCEDURE', code, date);
}

function checkModifier(l: Lookup, code: string, date: string) {
  if (!isModifierFormat(code)) return { reason: 'MALFORMED' as const, message: 'is not a 2-character modifier' };
  const known = l.rows.some((r) => r.kind === 'MODIFIER' && r.code === code && (r.versionId === l.inForce.get('HCPCS')?.id || r.versionId === l.inForce.get('CPT')?.id));
  // Numeric modifiers are CPT (Level I): format-checked like CPT codes.
  if (known || isNumericModifier(code)) return null;
  return checkIn(l, 'HCPCS', 'MODIFIER', code, date);
}

/**
 * Checks every code of an encounter against the code sets in force on its date of service: format,
 * presence in that version, billable (full specificity). Reports every problem, in input order.
 * Usable from other services (superbills): two SQL statements whatever the number of codes.
 * @param practiceId - the caller's practice (its licensed CPT import applies); null for reference data only
 * @returns problems with path `diagnoses.<i>`, `procedures.<i>` or `modifiers.<i>`; empty when all valid
 */
export async function checkCodes(db: Db, practiceId: string | null, q: CodeSetQuery): Promise<CodeProblem[]> {
  const l = await lookup(db, practiceId, q);
  const problems: CodeProblem[] = [];
  const run = (list: CodeList, values: readonly string[] | undefined, check: (code: string) => Omit<CodeProblem, 'path' | 'list' | 'index' | 'code'> | null) => {
    for (const [index, raw] of (values ?? []).entries()) {
      const p = check(normalizeCode(raw));
      if (p) problems.push({ path: `${list}.${index}`, list, index, code: raw, ...p });
    }
  };
  run('diagnoses', q.diagnoses, (c) => (isDiagnosisFormat(c) ? checkIn(l, 'ICD10CM', 'DIAGNOSIS', c, q.dateOfService) : { reason: 'MALFORMED', message: 'is not an ICD-10-CM code' }));
  run('procedures', q.procedures, (c) => checkProcedure(l, c, q.dateOfService));
  run('modifiers', q.modifiers, (c) => checkModifier(l, c, q.dateOfService));
  return problems;
}

/**
 * Describes codes as of a date of service (for screens and the superbill PDF). CPT codes take their
 * description from the practice's licensed CPT import, else from its charge-master label.
 * Three SQL statements at most, whatever the number of codes.
 * @returns one description per input code, in input order, per list
 */
export async function describeCodes(db: Db, practiceId: string, q: CodeSetQuery): Promise<Record<CodeList, CodeDescription[]>> {
  const l = await lookup(db, practiceId, q);
  const cpt = (q.procedures ?? []).map(normalizeCode).filter((c) => procedureSystem(c) === 'CPT');
  const labels = cpt.length ? await findChargeLabels(db, practiceId, cpt, q.dateOfService) : new Map<string, string>();
  const describe = (kind: CodeKind, systems: CodeSystem[], raw: string): CodeDescription => {
    const code = normalizeCode(raw);
    for (const system of systems) {
      const row = l.rows.find((r) => r.versionId === l.inForce.get(system)?.id && r.kind === kind && r.code === code);
      if (row) return { kind, code, display: displayCode(kind, code), description: row.description, shortDescription: row.shortDescription, billable: row.billable, source: system };
    }
    const label = kind === 'PROCEDURE' ? labels.get(code) : undefined;
    return { kind, code, display: displayCode(kind, code), description: label ?? null, shortDescription: null, billable: null, source: label ? 'FEE_SCHEDULE' : null };
  };
  return {
    diagnoses: (q.diagnoses ?? []).map((c) => describe('DIAGNOSIS', ['ICD10CM'], c)),
    procedures: (q.procedures ?? []).map((c) => describe('PROCEDURE', ['CPT', 'HCPCS'], c)),
    modifiers: (q.modifiers ?? []).map((c) => describe('MODIFIER', ['CPT', 'HCPCS'], c)),
  };
}
