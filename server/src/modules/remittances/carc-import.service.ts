import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { carcCodes } from '../../db/schema/remittances.js';
import { type CodeListProblem, parseCarcCsv } from '../../x12/era-carc-codes.js';

export interface CarcImportResult {
  /** Codes in the file (inserted or updated). */
  codeCount: number;
  inactiveCount: number;
}

/** A CARC file with problems: nothing was imported. */
export class CarcFileError extends Error {
  constructor(readonly problems: CodeListProblem[]) {
    super(`the CARC file has ${problems.length} problem(s); nothing was imported: ${problems.slice(0, 5).map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
  }
}

/**
 * Imports the CARC list (X12 external code source 139, CSV read by parseCarcCsv) into carc_codes in one
 * transaction: each code inserted or its description, inactive flag and dates replaced. Codes absent from
 * the new file stay (a remittance of a past date may still carry them). A file with any problem imports
 * nothing.
 * @throws CarcFileError listing every problem with its line
 */
export async function importCarcCodes(db: Db, text: string): Promise<CarcImportResult> {
  const { codes, problems } = parseCarcCsv(text);
  if (problems.length > 0) throw new CarcFileError(problems);
  if (codes.length === 0) throw new CarcFileError([{ line: 1, message: 'the file holds no codes' }]);
  // 5 parameters a code: the whole list (about 400 codes) is one statement.
  await db.transaction(async (tx) => {
    await tx
      .insert(carcCodes)
      .values(codes.map((c) => ({ code: c.code, description: c.description, inactive: c.inactive, startDate: c.startDate, stopDate: c.stopDate })))
      .onConflictDoUpdate({
        target: carcCodes.code,
        set: { description: sql`excluded.description`, inactive: sql`excluded.inactive`, startDate: sql`excluded.start_date`, stopDate: sql`excluded.stop_date`, importedAt: sql`now()` },
      });
  });
  return { codeCount: codes.length, inactiveCount: codes.filter((c) => c.inactive).length };
}
