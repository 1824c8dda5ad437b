import type { ImportProblem, ImportTarget } from '../imports/import-target.js';
import { inputRuleProblems } from '../imports/input-rules.js';
import { CreateProviderInput } from './provider.inputs.js';
import { findUsedNpis, insertProviders } from './provider.repo.js';

export interface ProviderRowValue {
  input: CreateProviderInput;
}

const COLUMN_OF: Record<string, string> = { givenName: 'given_name', familyName: 'family_name', credentials: 'credentials', npi: 'npi', taxonomyCode: 'taxonomy_code', specialty: 'specialty' };
const COLUMN_ORDER = Object.values(COLUMN_OF);

/**
 * Providers from CSV: given_name, family_name, credentials, npi, taxonomy_code, specialty. Each row meets
 * `createProvider`'s rules (the same input class: NPI with its Luhn check digit, NUCC taxonomy, lengths, the
 * string hygiene of every input); an NPI already used in the practice or twice in the file is a problem.
 * Each new provider is audited.
 */
export const providersImport = (): ImportTarget<ProviderRowValue> => ({
  name: 'PROVIDERS',
  columns: [
    { name: 'given_name', required: true },
    { name: 'family_name', required: true },
    { name: 'credentials', required: false },
    { name: 'npi', required: true },
    { name: 'taxonomy_code', required: true },
    { name: 'specialty', required: true },
  ],
  keyColumn: 'npi',
  parse(c, line) {
    const cell = (column: string) => (c[column] ?? '').trim();
    const plain = { givenName: cell('given_name'), familyName: cell('family_name'), credentials: cell('credentials') || null, npi: cell('npi'), taxonomyCode: cell('taxonomy_code').toUpperCase(), specialty: cell('specialty') };
    const input = Object.assign(new CreateProviderInput(), plain);
    const problems: ImportProblem[] = [];
    for (const p of inputRuleProblems(plain, input)) {
      const column = COLUMN_OF[p.path] ?? null;
      if (!problems.some((x) => x.column === column && x.message === p.message)) problems.push({ line, column, message: p.message });
    }
    if (problems.length) return { value: null, problems: problems.sort((a, b) => COLUMN_ORDER.indexOf(a.column ?? '') - COLUMN_ORDER.indexOf(b.column ?? '')) };
    return { value: { input }, problems };
  },
  key: (v) => v.input.npi,
  async check(db, practiceId, batch) {
    const taken = await findUsedNpis(db, practiceId, batch.map((r) => r.value.input.npi));
    return batch.filter((r) => taken.has(r.value.input.npi)).map((r) => ({ line: r.line, column: 'npi', message: 'is already used by a provider of the practice' }));
  },
  async write(tx, principal, audit, batch) {
    // The same row as createProvider writes (no locations: link them with the provider's mutations).
    const ids = await insertProviders(
      tx,
      principal.practiceId,
      batch.map(({ value: { input: v } }) => ({ givenName: v.givenName, familyName: v.familyName, credentials: v.credentials ?? null, npi: v.npi, taxonomyCode: v.taxonomyCode, specialty: v.specialty })),
    );
    await audit.writeAll(
      tx,
      'CREATE',
      ids.map((id) => ({ entityType: 'Provider', entityId: id, patientId: null })),
    );
  },
});
