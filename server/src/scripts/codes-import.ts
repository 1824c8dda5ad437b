import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { splitLines } from '../lib/csv.js';
import { isUuid } from '../lib/uuid.js';
import { type ParsedCode, parseCptFile, parseHcpcsAnweb, parseIcd10cm, parsePlaceOfService } from '../modules/codes/code-file.parsers.js';
import { importCodeSet } from '../modules/codes/code-import.service.js';
import { importCarcCodes } from '../modules/remittances/carc-import.service.js';
import type { CodeSystem } from '../modules/codes/code.rules.js';
import { runScript, UsageError } from './cli.js';

const USAGE = `Usage: pnpm codes:import <icd10cm|hcpcs|pos|cpt> <file> --version <label> --effective <YYYY-MM-DD> [--practice <uuid>]
       pnpm codes:import carc <file>
  Imports one release of a code set into the configured database (DATABASE_URL, or the embedded one in
  PGLITE_DATA_DIR — stop the server first). Older releases are kept: each date of service uses the
  latest release effective on or before it. Migrations are applied first.
  icd10cm  the CDC/CMS code-and-description file (icd10cm-codes-YYYY.txt) or the order file with its
           header/billable flag (icd10cm-order-YYYY.txt)
  hcpcs    the CMS HCPCS Level II alpha-numeric file (HCPCYYYY_<MON>_ANWEB.txt, fixed width, or its
           column-split CSV); procedures, supplies and modifiers
  pos      the CMS place-of-service list as CSV code,description[,assigned]
  cpt      a practice's own licensed CPT file (code<TAB>description or CSV); needs --practice
  carc     the claim adjustment reason code list as CSV code,description[,inactive][,start_date][,stop_date];
           replaces each code's description in place (no --version/--effective: remittances show the
           current wording); a file with any problem imports nothing
  --version    release label, e.g. 2026
  --effective  first date of service the release applies to, e.g. 2025-10-01`;

const PARSERS: Record<string, [CodeSystem, (lines: Iterable<string>) => Iterable<ParsedCode>]> = {
  icd10cm: ['ICD10CM', parseIcd10cm],
  hcpcs: ['HCPCS', parseHcpcsAnweb],
  pos: ['POS', parsePlaceOfService],
  cpt: ['CPT', parseCptFile],
};

/** `codes:import carc <file>`: the CARC list into carc_codes. */
async function importCarc(file: string | undefined, values: { version?: string; effective?: string; practice?: string }): Promise<void> {
  if (!file) throw new UsageError('give the CARC file');
  if (values.version || values.effective || values.practice) throw new UsageError('carc takes no --version, --effective or --practice');
  const text = readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8');
  const config = loadConfig(process.env, { verifiesTokens: false });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, poolSize: 1 });
  try {
    await runMigrations(database);
    const result = await importCarcCodes(database.db, text);
    console.log(JSON.stringify({ system: 'CARC', engine: database.engine, ...result }));
  } finally {
    await database.close();
  }
}

runScript(async () => {
  const { values, positionals } = (() => {
    try {
      return parseArgs({ allowPositionals: true, options: { version: { type: 'string' }, effective: { type: 'string' }, practice: { type: 'string' } } });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  })();
  const [kind, file] = positionals;
  if (kind === 'carc') return importCarc(file, values);
  const parser = PARSERS[kind ?? ''];
  if (!parser || !file) throw new UsageError('give the code set (icd10cm, hcpcs, pos or cpt) and the file');
  if (!values.version || !values.effective) throw new UsageError('--version and --effective are required');
  if ((kind === 'cpt') !== Boolean(values.practice)) throw new UsageError('--practice is required for cpt and only for cpt');
  if (values.practice && !isUuid(values.practice)) throw new UsageError('--practice must be a uuid');
  // pnpm runs the script from server/: resolve the file against the directory the user ran pnpm in.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const text = readFileSync(path, 'latin1');
  const config = loadConfig(process.env, { verifiesTokens: false });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, poolSize: 1 });
  try {
    await runMigrations(database);
    const [system, parse] = parser;
    const result = await importCodeSet(database, { system, label: values.version, effectiveFrom: values.effective, practiceId: values.practice ?? null }, parse(splitLines(text)));
    console.log(JSON.stringify({ system, version: values.version, effective: values.effective, engine: database.engine, ...result }));
  } finally {
    await database.close();
  }
}, USAGE);
