import { createClient } from '@medoffice/sdk';
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { patients } from '../../../server/src/db/schema/patients.js';
import { practices } from '../../../server/src/db/schema/practices.js';
import { providers } from '../../../server/src/db/schema/providers.js';
import { appointmentTypes } from '../../../server/src/db/schema/scheduling.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { npiCheckDigit } from '../../../server/src/lib/npi.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

interface ImportResult {
  id: string;
  status: string;
  rows: number;
  problemCount: number;
  problems: { line: number; column: string | null; message: string }[];
}

async function upload(token: string, body: string | Uint8Array, dryRun: boolean): Promise<{ status: number; body: ImportResult }> {
  const res = await fetch(server.url.replace('/graphql', `/imports/PATIENTS?dryRun=${dryRun}&fileName=patients.csv`), {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
    body: body as BodyInit,
  });
  return { status: res.status, body: await res.json() };
}

const enc = new TextEncoder();
const npiWithCheckDigit = (base9: string) => `${base9}${npiCheckDigit(base9)}`;
const HEADER = 'given_name,family_name,date_of_birth,sex_at_birth,phone,email,address_line1,city,state,postal_code,notes,confirm_not_duplicate';

async function office() {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  // An existing patient the file will meet: same date of birth, similar name.
  await insertPatient(db, practiceId, { givenName: 'Marguerite', familyName: 'Okonkwo', dateOfBirth: '1961-03-14' });
  const token = await server.token(practiceId, [Role.FRONT_DESK]);
  const count = () => db.$count(patients, eq(patients.practiceId, practiceId));
  const nextMrn = async () => (await db.select({ n: practices.nextMrn }).from(practices).where(eq(practices.id, practiceId)))[0]!.n;
  return { db, practiceId, token, count, nextMrn };
}

describe('patients import', () => {
  it('every kind of bad row gives its exact problems; the dry run and the refused commit change nothing', async () => {
    const o = await office();
    const lines = [
      HEADER,
      'Ada,Lovelace,1985-12-10,female,(212) 555-0101,ada@example.test,1 Main St,Springfield,il,62701,,',
      // A quoted line break in free text is kept; in a name it is a control character.
      '"Grace","Hopper",1990-06-09,FEMALE,,,,,,,"Prefers mornings\nCall first",',
      '"Alan\nMathison",Turing,1954-06-23,MALE,,,,,,,,',
      'Bad,Date,1990-02-30,MALE,,,,,,,,',
      'Future,Born,2999-01-01,MALE,,,,,,,,',
      'Bad,Phone,1970-01-01,X,555-0100,not-an-email,,Springfield,Illinois,627,,maybe',
      'ada,LOVELACE,1985-12-10,FEMALE,,,,,,,,',
      'Margarite,Okonkwo,1961-03-14,FEMALE,,,,,,,,',
      'Short,row',
    ];
    const file = new Uint8Array([...enc.encode(`${lines.join('\r\n')}\r\nJos`), 0xe9, ...enc.encode(',Garcia,1970-01-01,MALE,,,,,,,,\r\n')]);
    const before = { count: await o.count(), mrn: await o.nextMrn() };
    const dry = await upload(o.token, file, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ status: 'DRY_RUN', rows: 10 });
    // Problems name the line a record starts on (the quoted break makes Grace span lines 3-4).
    expect(dry.body.problems).toEqual([
      { line: 5, column: 'given_name', message: 'must not contain control characters' },
      { line: 7, column: 'date_of_birth', message: 'must be a date written YYYY-MM-DD' },
      { line: 8, column: 'date_of_birth', message: 'must not be in the future' },
      { line: 9, column: 'sex_at_birth', message: 'must be one of FEMALE, MALE, UNKNOWN' },
      { line: 9, column: 'phone', message: 'must be a US phone number in E.164 form (+1NXXNXXXXXX)' },
      { line: 9, column: 'email', message: 'must be an email address' },
      { line: 9, column: 'address_line1', message: 'must be longer than or equal to 1 characters' },
      { line: 9, column: 'address_line1', message: 'must not be blank' },
      { line: 9, column: 'state', message: 'must be a two-letter state code' },
      { line: 9, column: 'postal_code', message: 'must be a ZIP or ZIP+4 code' },
      { line: 9, column: 'confirm_not_duplicate', message: 'must be yes or no' },
      { line: 10, column: 'given_name', message: 'repeats line 2 of this file' },
      { line: 12, column: null, message: 'has 2 fields; the header has 12' },
      { line: 13, column: null, message: 'is not valid UTF-8 text (save the file as UTF-8)' },
      // The database check runs per batch, after the batch's rows were parsed.
      { line: 11, column: 'given_name', message: 'is likely an existing patient (same date of birth, similar name); set confirm_not_duplicate to yes to register anyway' },
    ]);
    const commit = await upload(o.token, file, false);
    expect(commit.body).toMatchObject({ status: 'REJECTED', problemCount: 15 });
    expect({ count: await o.count(), mrn: await o.nextMrn() }).toEqual(before);
    // Runs are audited; no patient was created, so none is.
    expect(await auditEntries(o.db, { practiceId: o.practiceId, entityType: 'Patient' })).toHaveLength(0);

    // A missing required column is reported on the header line (and each row then lacks it); no row is written.
    const header = await upload(o.token, 'given_name,family_name,sex_at_birth\nA,B,MALE\n', false);
    expect(header.body.problems).toEqual([
      { line: 1, column: 'date_of_birth', message: 'is a required column and is missing' },
      { line: 2, column: 'date_of_birth', message: 'must be a date written YYYY-MM-DD' },
    ]);
    expect(await o.count()).toBe(before.count);
  });

  it('commits a good file (BOM, CRLF, quoted line breaks, header in any case) with consecutive MRNs, each patient audited, once', async () => {
    const o = await office();
    const mrn = await o.nextMrn();
    const file = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...enc.encode(
        [
          'Given Name,Family Name,Date Of Birth,Sex At Birth,Phone,Email,Address Line1,City,State,Postal Code,Notes,Confirm Not Duplicate',
          'Ada,Lovelace,1985-12-10,female,(212) 555-0101,Ada@Example.test,1 Main St,Springfield,il,62701,,',
          '"Grace","Hopper",1990-06-09,FEMALE,,,,,,,"Prefers mornings\r\nCall first",',
          // Same date of birth and a similar name as an existing patient, confirmed as a different person.
          'Margarite,Okonkwo,1961-03-14,FEMALE,,,,,,,,yes',
        ].join('\r\n'),
      ),
      ...enc.encode('\r\n'),
    ]);
    const done = await upload(o.token, file, false);
    expect(done.body).toMatchObject({ status: 'COMMITTED', rows: 3, problemCount: 0, problems: [] });
    const rows = await o.db.select().from(patients).where(eq(patients.practiceId, o.practiceId)).orderBy(asc(patients.mrn));
    const added = rows.filter((r) => r.mrn.startsWith('M'));
    expect(added.map((r) => [r.mrn, r.givenName, r.familyName])).toEqual([
      [`M${String(mrn).padStart(7, '0')}`, 'Ada', 'Lovelace'],
      [`M${String(mrn + 1).padStart(7, '0')}`, 'Grace', 'Hopper'],
      [`M${String(mrn + 2).padStart(7, '0')}`, 'Margarite', 'Okonkwo'],
    ]);
    expect(added[0]).toMatchObject({ sexAtBirth: 'FEMALE', email: 'ada@example.test', phones: [{ kind: 'MOBILE', number: '+12125550101', primary: true }], phoneDigits: '2125550101', address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US', line2: null } });
    expect(added[1]!.notes).toBe('Prefers mornings\r\nCall first');
    const audited = await auditEntries(o.db, { practiceId: o.practiceId, entityType: 'Patient', action: 'CREATE' });
    expect(audited.map((a) => [a.action, a.entityId, a.patientId]).sort()).toEqual(added.map((r) => ['CREATE', r.id, r.id]).sort());

    // The registered patients are what the API reads back.
    const client = createClient({ url: server.url, token: o.token, retry: false });
    const ada = (await client.patient({ id: added[0]!.id })).patient!;
    expect(ada).toMatchObject({ mrn: added[0]!.mrn, legalName: { given: 'Ada', family: 'Lovelace' }, dateOfBirth: '1985-12-10' });

    const again = await upload(o.token, file, false);
    expect(again.body.status).toBe('REJECTED');
    expect(again.body.problems).toContainEqual({ line: 1, column: null, message: `this file was already imported (import ${done.body.id})` });
    expect(await o.count()).toBe(rows.length);
  });

  it('only the roles that register patients import them', async () => {
    const o = await office();
    for (const role of [Role.CLINICIAN, Role.BILLER, Role.ANALYST]) {
      const res = await upload(await server.token(o.practiceId, [role]), `${HEADER}\n`, true);
      expect(res.status, role).toBe(403);
    }
  });
});

describe('providers import', () => {
  it('checks each row as createProvider does (NPI Luhn, taxonomy), NPIs in the file and the practice; commits all or nothing, audited', async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    const token = await server.token(practiceId, [Role.PRACTICE_ADMIN]);
    const post = (body: string, dryRun: boolean) =>
      fetch(server.url.replace('/graphql', `/imports/PROVIDERS?dryRun=${dryRun}`), { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` }, body }).then(async (r) => ({ status: r.status, body: (await r.json()) as ImportResult }));
    const existing = npiWithCheckDigit('199999998');
    await db.insert(providers).values({ practiceId, givenName: 'Ada', familyName: 'Testdoc', npi: existing, taxonomyCode: '207Q00000X', specialty: 'Family Medicine' });
    const H = 'given_name,family_name,credentials,npi,taxonomy_code,specialty';
    const good1 = npiWithCheckDigit('123456789');
    const good2 = npiWithCheckDigit('123456780');
    const bad = [
      H,
      `Grace,Hopper,MD,${good1},207q00000x,Family Medicine`,
      `Alan,Turing,,${good1.slice(0, 9)}${(Number(good1[9]) + 1) % 10},207Q00000X,Internal Medicine`,
      `Edsger,Dijkstra,DO,${good2},2070,Pediatrics`,
      `Barbara,Liskov,,${good1},207Q00000X,Family Medicine`,
      `Donald,Knuth,,${existing},207Q00000X,Family Medicine`,
      `,Blank,,${npiWithCheckDigit('111111111')},207Q00000X,`,
    ].join('\n');
    const before = await db.$count(providers, eq(providers.practiceId, practiceId));
    for (const dryRun of [true, false]) {
      const res = await post(bad, dryRun);
      expect(res.body).toMatchObject({ status: dryRun ? 'DRY_RUN' : 'REJECTED', rows: 6, problemCount: 8 });
      expect(res.body.problems).toEqual([
        { line: 3, column: 'npi', message: 'must be a valid 10-digit NPI' },
        { line: 4, column: 'taxonomy_code', message: 'must be a NUCC taxonomy code such as 207Q00000X' },
        { line: 5, column: 'npi', message: 'repeats line 2 of this file' },
        { line: 7, column: 'given_name', message: 'must be longer than or equal to 1 characters' },
        { line: 7, column: 'given_name', message: 'must not be blank' },
        { line: 7, column: 'specialty', message: 'must be longer than or equal to 1 characters' },
        { line: 7, column: 'specialty', message: 'must not be blank' },
        { line: 6, column: 'npi', message: 'is already used by a provider of the practice' },
      ]);
      expect(await db.$count(providers, eq(providers.practiceId, practiceId))).toBe(before);
    }
    const done = await post([H, `Grace,Hopper,MD,${good1},207q00000x,Family Medicine`, `Edsger,Dijkstra,,${good2},208000000X,Pediatrics`].join('\n'), false);
    expect(done.body).toMatchObject({ status: 'COMMITTED', rows: 2, problemCount: 0 });
    const rows = await db.select().from(providers).where(eq(providers.practiceId, practiceId)).orderBy(asc(providers.npi));
    expect(rows.filter((r) => r.npi !== existing).map((r) => [r.givenName, r.credentials, r.npi, r.taxonomyCode])).toEqual(
      [
        ['Grace', 'MD', good1, '207Q00000X'],
        ['Edsger', null, good2, '208000000X'],
      ].sort((a, b) => String(a[2]).localeCompare(String(b[2]))),
    );
    expect(await auditEntries(db, { practiceId, entityType: 'Provider', action: 'CREATE' })).toHaveLength(2);
    // createProvider is PRACTICE_ADMIN's alone.
    const frontDesk = await fetch(server.url.replace('/graphql', '/imports/PROVIDERS?dryRun=true'), { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${await server.token(practiceId, [Role.FRONT_DESK])}` }, body: `${H}\n` });
    expect(frontDesk.status).toBe(403);
  });
});

describe('appointment types import', () => {
  it("checks each row as createAppointmentType does, with the mutation's defaults; names unique in the file and the practice", async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    const token = await server.token(practiceId, [Role.PRACTICE_ADMIN]);
    const post = (body: string, dryRun: boolean) =>
      fetch(server.url.replace('/graphql', `/imports/APPOINTMENT_TYPES?dryRun=${dryRun}`), { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` }, body }).then(async (r) => (await r.json()) as ImportResult);
    await db.insert(appointmentTypes).values({ practiceId, name: 'Annual physical', durationMinutes: 30, modality: 'IN_PERSON' });
    const H = 'name,duration_minutes,modality,buffer_after_minutes,max_advance_days,color,service_type_code';
    const bad = [H, 'New patient,40,in person,,,,', 'Quick,3,TELEHEALTH,,,#12345,', 'Odd,twenty,ANYWHERE,5,,,ZZ', 'New patient,20,BOTH,,,,', 'Annual physical,30,IN_PERSON,,,,'].join('\n');
    const before = await db.$count(appointmentTypes, eq(appointmentTypes.practiceId, practiceId));
    for (const dryRun of [true, false]) {
      const res = await post(bad, dryRun);
      expect(res).toMatchObject({ status: dryRun ? 'DRY_RUN' : 'REJECTED', rows: 5 });
      expect(res.problems).toEqual([
        { line: 3, column: 'duration_minutes', message: 'must not be less than 5' },
        { line: 3, column: 'color', message: 'must be a #RRGGBB color' },
        { line: 4, column: 'duration_minutes', message: 'must be a whole number' },
        { line: 4, column: 'modality', message: 'must be one of IN_PERSON, TELEHEALTH, BOTH' },
        { line: 4, column: 'service_type_code', message: 'must be a known X12 service type code (e.g. 98, UC, 81)' },
        { line: 5, column: 'name', message: 'repeats line 2 of this file' },
        { line: 6, column: 'name', message: 'is already the name of an appointment type of the practice' },
      ]);
      expect(await db.$count(appointmentTypes, eq(appointmentTypes.practiceId, practiceId))).toBe(before);
    }
    const done = await post([H, 'New patient,40,in person,,,#00AA11,', 'Video follow-up,15,telehealth,5,30,,UC'].join('\n'), false);
    expect(done).toMatchObject({ status: 'COMMITTED', rows: 2, problemCount: 0 });
    const rows = await db.select().from(appointmentTypes).where(eq(appointmentTypes.practiceId, practiceId)).orderBy(asc(appointmentTypes.name));
    expect(rows.map((r) => [r.name, r.durationMinutes, r.modality, r.bufferBeforeMinutes, r.bufferAfterMinutes, r.minNoticeMinutes, r.maxAdvanceDays, r.color, r.serviceTypeCode])).toEqual([
      ['Annual physical', 30, 'IN_PERSON', 0, 0, 0, 180, null, '98'],
      ['New patient', 40, 'IN_PERSON', 0, 0, 0, 180, '#00AA11', '98'],
      ['Video follow-up', 15, 'TELEHEALTH', 0, 5, 0, 30, null, 'UC'],
    ]);
    expect(await auditEntries(db, { practiceId, entityType: 'AppointmentType', action: 'CREATE' })).toHaveLength(2);
  });
});
