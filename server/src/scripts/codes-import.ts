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
import type { CodeSystem } from '../modules/codes/code.rules.js';
import { runScript, UsageError } from './cli.js';

const USAGE = `Usage: pnpm codes:import <icd10cm|hcpcs|pos|cpt> <file> --version <label> --effective <YYYY-MM-DD> [--practice <uuid>]
  Imports one release of a code set into the configured database (DATABASE_URL, or the embedded one in
  PGLITE_DATA_DIR — stop the server first). Older releases are kept: each date of service uses the
  latest release effective on or before it. Migrations are applied first.
  icd10cm  the CDC/CMS code-and-description file (icd10cm-codes-YYYY.txt) or the order file with its
           header/billable flag (icd10cm-order-YYYY.txt)
  hcpcs    the CMS HCPCS Level II alpha-numeric file (HCPCYYYY_<MON>_ANWEB.txt, fixed width, or its
           column-split CSV); procedures, supplies and modifiers
  pos      the CMS place-of-service list as CSV code,description[,assigned]
  cpt      a practice's own licensed CPT file (code<TAB>description or CSV); needs --practice
  --version    release label, e.g. 2026
  --effective  first date of service the release applies to, e.g. 2025-10-01`;

const PARSERS: Record<string, [CodeSystem, (lines: Iterable<string>) => Iterable<ParsedCode>]> = {
  icd10cm: ['ICD10CM', parseIcd10cm],
  hcpcs: ['HCPCS', parseHcpcsAnweb],
  pos: ['POS', parsePlaceOfService],
  cpt: ['CPT', parseCptFile],
};

runScript(async () => {
  const { values, positionals } = (() => {
    try {
      return parseArgs({ allowPositionals: true, options: { version: { type: 'string' }, effective: { type: 'string' }, practice: { type: 'string' } } });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  })();
  const [kind, file] = positionals;
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
