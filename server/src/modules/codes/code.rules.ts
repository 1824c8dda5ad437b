/** Pure rules for code formats. Codes are stored as in the official files; ICD-10-CM without its dot. */

export type CodeSystem = 'ICD10CM' | 'HCPCS' | 'POS' | 'CPT';
export type CodeKind = 'DIAGNOSIS' | 'PROCEDURE' | 'MODIFIER' | 'POS';

// A letter, a digit (or A: FY2026 added QA0 codes such as QA00101), a digit or letter, then up to 4 more.
const ICD10CM = /^[A-Z][0-9A][0-9A-Z][0-9A-Z]{0,4}$/;
/** CPT: five digits (Category I), or four digits + F (II), T (III) or U (PLA). */
const CPT = /^[0-9]{4}[0-9FTU]$/;
/** HCPCS Level II: a letter A–V and four digits. */
const HCPCS = /^[A-V][0-9]{4}$/;
const MODIFIER = /^[0-9A-Z]{2}$/;

/** Uppercases, trims and drops the dot: ` e11.9 ` → `E119`. */
export function normalizeCode(input: string): string {
  return input.trim().toUpperCase().replace('.', '');
}

/** True when the normalised value is shaped like an ICD-10-CM code (3–7 characters, letter + digit first). */
export const isDiagnosisFormat = (code: string) => ICD10CM.test(code);

/** The code system a procedure code belongs to by its format, or null when it is neither CPT nor HCPCS. */
export function procedureSystem(code: string): 'CPT' | 'HCPCS' | null {
  if (CPT.test(code)) return 'CPT';
  if (HCPCS.test(code)) return 'HCPCS';
  return null;
}

/** True for a 2-character modifier. Numeric ones are CPT (Level I) modifiers, format-checked only. */
export const isModifierFormat = (code: string) => MODIFIER.test(code);
export const isNumericModifier = (code: string) => /^[0-9]{2}$/.test(code);

/** ICD-10-CM with its dot after the category: `E119` → `E11.9`, `I10` → `I10`. */
export function displayCode(kind: CodeKind, code: string): string {
  return kind === 'DIAGNOSIS' && code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

/** A modifier set as stored in fee schedules: uppercased, de-duplicated, sorted, comma-joined ('' for none). */
export function modifierKey(modifiers: readonly string[]): string {
  return [...new Set(modifiers.map((m) => m.trim().toUpperCase()).filter(Boolean))].sort().join(',');
}
