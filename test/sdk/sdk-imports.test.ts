import { randomUUID } from 'node:crypto';
import { createClient, isMedofficeError, type MedofficeClient } from '@medoffice/sdk';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { patients } from '../../server/src/db/schema/patients.js';
import { appointmentTypes } from '../../server/src/db/schema/scheduling.js';
import { Role } from '../../server/src/graphql/roles.js';
import { createPractice } from '../factories/practice.factory.js';
import { auditEntries } from '../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 180_000);

const enc = new TextEncoder();
const client = async (practiceId: string, roles: Role[]): Promise<MedofficeClient> => createClient({ url: server.url, token: await server.token(practiceId, roles), retry: false });

describe('SDK: imports', () => {
  it('uploads a file, commits the good rows and downloads the rejected ones (the original row plus a problem column), audited, for the same roles only', async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    const desk = await client(practiceId, [Role.FRONT_DESK]);
    const file = new Uint8Array([
      ...enc.encode(
        [
          'given_name,family_name,date_of_birth,sex_at_birth,notes',
          'Ada,Lovelace,1985-12-10,FEMALE,',
          'Bad,Date,1990-02-30,MALE,"has, a comma"',
          'Grace,Hopper,1990-06-09,FEMALE,"Prefers mornings\nCall first"',
          'ada,LOVELACE,1985-12-10,FEMALE,',
          'Short,row',
          'Jos',
        ].join('\n'),
      ),
      0xe9,
      ...enc.encode(',Garcia,1970-01-01,MALE,\n'),
    ]);
    const dry = await desk.uploadImport('PATIENTS', file, { fileName: 'patients.csv' });
    expect(dry).toMatchObject({ status: 'DRY_RUN', mode: 'ALL_OR_NOTHING', rows: 6, problemCount: 4, rejectedRows: 0 });
    expect(await db.$count(patients, eq(patients.practiceId, practiceId))).toBe(0);

    const done = await desk.uploadImport('PATIENTS', file, { dryRun: false, mode: 'GOOD_ROWS', fileName: 'patients.csv' });
    expect(done).toMatchObject({ status: 'COMMITTED', mode: 'GOOD_ROWS', rows: 6, problemCount: 4, rejectedRows: 4 });
    expect((await db.select({ given: patients.givenName }).from(patients).where(eq(patients.practiceId, practiceId))).map((p) => p.given).sort()).toEqual(['Ada', 'Grace']);
    expect(await desk.rejectedImportRows(done.id)).toBe(
      [
        'given_name,family_name,date_of_birth,sex_at_birth,notes,problem',
        'Bad,Date,1990-02-30,MALE,"has, a comma",date_of_birth: must be a date written YYYY-MM-DD',
        'ada,LOVELACE,1985-12-10,FEMALE,,given_name: repeats line 2 of this file',
        'Short,row,has 2 fields; the header has 5',
        'Jos\uFFFD,Garcia,1970-01-01,MALE,,is not valid UTF-8 text (save the file as UTF-8)',
        '',
      ].join('\r\n'),
    );
    expect(await auditEntries(db, { practiceId, entityType: 'ImportRejectedRows', action: 'EXPORT' })).toHaveLength(1);
    const run = (await desk.importRun({ id: done.id })).import;
    expect(run).toMatchObject({ status: 'COMMITTED', mode: 'GOOD_ROWS', rejectedRows: 4, progress: { rowsRead: 6, finished: true, percent: 100 } });

    // Same roles as the target's import; another practice's import is NOT_FOUND.
    const clinician = await (await client(practiceId, [Role.CLINICIAN])).rejectedImportRows(done.id).catch((e) => e);
    expect(isMedofficeError(clinician, 'FORBIDDEN')).toBe(true);
    const stranger = await (await client(await createPractice(db), [Role.FRONT_DESK])).rejectedImportRows(done.id).catch((e) => e);
    expect(isMedofficeError(stranger, 'NOT_FOUND')).toBe(true);
    const biller = await client(practiceId, [Role.BILLER]);
    expect(await biller.importRun({ id: done.id }).catch((e) => e.code)).toBe('NOT_FOUND');
    expect((await biller.imports({ first: 10 })).imports.edges).toEqual([]);
    const badMode = await desk.uploadImport('PATIENTS', file, { mode: 'SOME' as 'GOOD_ROWS' }).catch((e) => e);
    expect(isMedofficeError(badMode, 'BAD_USER_INPUT')).toBe(true);
  });

  it('saves a column mapping per practice and target and reads a file with those headers through it', async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    const desk = await client(practiceId, [Role.FRONT_DESK]);
    const columns = [
      { header: 'First', column: 'given_name' },
      { header: 'Last', column: 'family_name' },
      { header: 'DOB', column: 'date_of_birth' },
      { header: 'Sex', column: 'sex_at_birth' },
      { header: 'Chart note', column: null },
    ];
    const refused = await desk.saveImportMapping({ input: { target: 'PATIENTS', columns: [...columns.slice(0, 2), { header: 'first', column: 'notes' }, { header: 'X', column: 'nope' }] } }).catch((e) => e);
    expect(isMedofficeError(refused, 'BAD_USER_INPUT')).toBe(true);
    expect(refused.fields).toEqual([
      { path: 'input.columns.2.header', message: 'repeats another header of the mapping' },
      { path: 'input.columns.3.column', message: expect.stringMatching(/^must be one of given_name, /) },
      { path: 'input.columns', message: 'must map the required column date_of_birth' },
      { path: 'input.columns', message: 'must map the required column sex_at_birth' },
    ]);
    const forbidden = await (await client(practiceId, [Role.BILLER])).saveImportMapping({ input: { target: 'PATIENTS', columns } }).catch((e) => e);
    expect(isMedofficeError(forbidden, 'FORBIDDEN')).toBe(true);

    const { mapping } = (await desk.saveImportMapping({ input: { target: 'PATIENTS', columns } })).saveImportMapping;
    expect(mapping).toMatchObject({ target: 'PATIENTS', version: 1, columns });
    expect((await desk.importMappings()).importMappings.map((m) => m.id)).toEqual([mapping.id]);
    // Headers in another order and case still match; the ignored column is not read.
    const mapped = await desk.uploadImport('PATIENTS', 'last,FIRST,Sex,dob,Chart Note\nLovelace,Ada,FEMALE,1985-12-10,anything\n', { dryRun: false });
    expect(mapped).toMatchObject({ status: 'COMMITTED', rows: 1, problemCount: 0 });
    expect((await db.select().from(patients).where(eq(patients.practiceId, practiceId)))[0]).toMatchObject({ givenName: 'Ada', familyName: 'Lovelace', notes: null });
    // Other headers are read by name, as without a mapping.
    const byName = await desk.uploadImport('PATIENTS', 'First,Last,DOB\nA,B,1990-01-01\n');
    expect(byName.problems.slice(0, 2)).toEqual([
      { line: 1, column: 'First', message: expect.stringMatching(/^is not a column of this import/) },
      { line: 1, column: 'Last', message: expect.stringMatching(/^is not a column of this import/) },
    ]);
    // Saving again replaces it.
    expect((await desk.saveImportMapping({ input: { target: 'PATIENTS', columns: columns.slice(0, 4) } })).saveImportMapping.mapping).toMatchObject({ id: mapping.id, version: 2 });
  });

  it('reports progress while a commit runs (polled with the id the client chose), then the record', async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    const admin = await client(practiceId, [Role.PRACTICE_ADMIN]);
    const row = (i: number) => `Visit ${i},30,IN_PERSON\n`;
    const first = enc.encode(`name,duration_minutes,modality\n${Array.from({ length: 600 }, (_, i) => row(i)).join('')}`);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let part = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(c) {
        if (part++ === 0) return c.enqueue(first);
        await gate;
        c.enqueue(enc.encode(Array.from({ length: 100 }, (_, i) => row(600 + i)).join('')));
        c.close();
      },
    });
    const id = randomUUID();
    const upload = admin.uploadImport('APPOINTMENT_TYPES', body, { dryRun: false, id });
    let seen = null;
    for (let i = 0; i < 600 && !seen; i++) {
      const r = await admin.importRun({ id }, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
      if (r && r.import.progress.rowsRead >= 500) seen = r.import;
      else await new Promise((ok) => setTimeout(ok, 100));
    }
    release();
    // While running: not recorded yet, 500 rows (one batch) checked and written, every byte sent so far read; size unknown for a stream.
    expect(seen).toMatchObject({ id, status: 'RUNNING', target: 'APPOINTMENT_TYPES', progress: { rowsRead: 500, bytesRead: first.byteLength, totalBytes: null, percent: null, finished: false } });
    expect(await upload).toMatchObject({ id, status: 'COMMITTED', rows: 700 });
    expect((await admin.importRun({ id })).import).toMatchObject({ status: 'COMMITTED', progress: { rowsRead: 700, finished: true, percent: 100 } });
    expect(await db.$count(appointmentTypes, eq(appointmentTypes.practiceId, practiceId))).toBe(700);
    // An id already used is refused.
    const reused = await admin.uploadImport('APPOINTMENT_TYPES', 'name,duration_minutes,modality\n', { id }).catch((e) => e);
    expect(isMedofficeError(reused, 'BAD_USER_INPUT')).toBe(true);
  });
});
