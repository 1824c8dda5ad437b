import type { Db } from '../../db/client.js';
import { FIXTURE_HCPCS, FIXTURE_HCPCS_MODIFIERS, FIXTURE_ICD10CM, FIXTURE_NUMERIC_MODIFIERS, FIXTURE_POS } from './code-fixture.data.js';
import { countVersions, insertCodes, insertVersion, setVersionCount } from './code.repo.js';

/** Label of the fixture versions; effective from the first day of ICD-10 so any demo date finds them. */
export const FIXTURE_LABEL = 'fixture';
export const FIXTURE_EFFECTIVE = '2015-10-01';

/**
 * Loads the small hand-written code fixture (ICD-10-CM, HCPCS with modifiers, place of service) as
 * version `fixture` of each system, in one transaction: 4 inserts per system.
 */
export async function loadCodeFixture(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    const icd = await insertVersion(tx, { system: 'ICD10CM', label: FIXTURE_LABEL, effectiveFrom: FIXTURE_EFFECTIVE });
    await insertCodes(tx, FIXTURE_ICD10CM.map(([code, description, billable]) => ({ versionId: icd.id, kind: 'DIAGNOSIS' as const, code, billable: billable ?? true, shortDescription: null, description })));
    const hcpcs = await insertVersion(tx, { system: 'HCPCS', label: FIXTURE_LABEL, effectiveFrom: FIXTURE_EFFECTIVE });
    await insertCodes(tx, [
      ...FIXTURE_HCPCS.map(([code, short, long]) => ({ versionId: hcpcs.id, kind: 'PROCEDURE' as const, code, billable: true, shortDescription: short, description: long })),
      ...FIXTURE_HCPCS_MODIFIERS.map(([code, short, long]) => ({ versionId: hcpcs.id, kind: 'MODIFIER' as const, code, billable: true, shortDescription: short, description: long })),
      ...FIXTURE_NUMERIC_MODIFIERS.map(([code, label]) => ({ versionId: hcpcs.id, kind: 'MODIFIER' as const, code, billable: true, shortDescription: label, description: label })),
    ]);
    const pos = await insertVersion(tx, { system: 'POS', label: FIXTURE_LABEL, effectiveFrom: FIXTURE_EFFECTIVE });
    await insertCodes(tx, FIXTURE_POS.map(([code, name]) => ({ versionId: pos.id, kind: 'POS' as const, code, billable: true, shortDescription: name, description: name })));
    for (const v of [icd, hcpcs, pos]) await setVersionCount(tx, v.id);
  });
}

/**
 * Loads the fixture when no code set was ever imported (first start, demo, tests); a database with
 * imported code sets is left alone.
 * @returns true when the fixture was loaded
 */
export async function ensureCodeFixture(db: Db): Promise<boolean> {
  if ((await countVersions(db)) > 0) return false;
  try {
    await loadCodeFixture(db);
    return true;
  } catch (err) {
    // Two instances starting together: the other one loaded it (unique label per system).
    if ((err as { cause?: { code?: string } }).cause?.code === '23505') return false;
    throw err;
  }
}
