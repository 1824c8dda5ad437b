import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { AppError, badInput } from '../../graphql/errors.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { mappingProblems } from './import-header.js';
import { type ImportMappingRow, listMappings, upsertMapping } from './import-mapping.repo.js';
import { IMPORT_TARGETS, targetsFor } from './import.targets.js';
import type { SaveImportMappingInput } from './import.type.js';

/** The saved mappings of the targets the caller may import. */
export async function listImportMappings(db: Db, principal: Principal): Promise<ImportMappingRow[]> {
  const mine = targetsFor(principal);
  return (await listMappings(db, principal.practiceId)).filter((m) => mine.includes(m.target));
}

/**
 * Saves the practice's mapping of a target (replacing the one before), audited.
 * @throws BAD_USER_INPUT for an unknown target or a mapping that leaves a required column out, maps one
 *   twice, names a column the target does not have or repeats a header; FORBIDDEN for a target the
 *   caller's role may not import
 */
export async function saveImportMapping(db: Db, principal: Principal, audit: AuditTrail, input: SaveImportMappingInput): Promise<ImportMappingRow> {
  const target = IMPORT_TARGETS[input.target];
  if (!target) throw badInput([{ path: 'input.target', message: `must be one of ${Object.keys(IMPORT_TARGETS).join(', ')}` }]);
  if (!targetsFor(principal).includes(input.target)) throw new AppError('FORBIDDEN', 'Your role may not run this import');
  const columns = input.columns.map((c) => ({ header: c.header.trim(), column: c.column ?? null }));
  const problems = mappingProblems(target.create(), columns);
  if (problems.length) throw badInput(problems);
  return db.transaction(async (tx) => {
    const row = await upsertMapping(tx, principal.practiceId, input.target, columns, principal.userId);
    await audit.write(tx, 'UPDATE', 'ImportMapping', row.id);
    return row;
  });
}
