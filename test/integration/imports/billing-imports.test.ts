import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { feeScheduleEntries } from '../../../server/src/db/schema/billing.js';
import { imports } from '../../../server/src/db/schema/imports.js';
import { coverages, payers } from '../../../server/src/db/schema/insurance.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { ensureCodeFixture } from '../../../server/src/modules/codes/code-fixture.js';
import { insertPayer } from '../../factories/insurance.factory.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await ensureCodeFixture(server.database.db);
}, 180_000);

interface ImportResult {
  id: string;
  status: string;
  rows: number;
  problemCount: number;
  problems: { line: number; column: string | null; message: string }[];
}

async function upload(token: string, target: string, body: string, dryRun: boolean): Promise<{ status: number; body: ImportResult }> {
  const res = await fetch(server.url.replace('/graphql', `/imports/${target}?dryRun=${dryRun}`), { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` }, body });
  return { status: res.status, body: await res.json() };
}

describe('payers import', () => {
  it('every kind of bad row gives its exact problems; dry run and refused commit change nothing; a good file commits, audited, once', async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    await insertPayer(db, practiceId, { ediPayerId: 'TAKEN1' });
    const token = await server.token(practiceId, [Role.BILLER]);
    const count = () => db.$count(payers, eq(payers.practiceId, practiceId));
    const header = 'name,edi_payer_id,type,address_line1,city,state,postal_code,phone,telehealth_modifier_95,timely_filing_days,appeal_days,prior_authorization_required';
    const bad = [
      header,
      'Acme Health,ACME1,commercial,1 Main St,Springfield,il,62701,(217) 555-0100,yes,90,,no',
      'Bad Type,BT1,GADGET,,,,,,,,,',
      'Bad Id,X,MEDICARE,,,,,,,,,',
      'Bad Flags,BF1,MEDICAID,,,,,,maybe,ninety,0,',
      'Bad Address,BA1,TRICARE,,Springfield,Illinois,627,555-0100,,,,',
      'Dup In Db,taken1,OTHER,,,,,,,,,',
      'Dup In File,acme1,OTHER,,,,,,,,,',
      ',NN1,OTHER,,,,,,,,,',
    ].join('\n');
    const before = await count();
    const dry = await upload(token, 'PAYERS', bad, true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ status: 'DRY_RUN', rows: 8 });
    expect(dry.body.problems).toEqual([
      { line: 3, column: 'type', message: 'must be one of COMMERCIAL, MEDICARE, MEDICAID, MEDICARE_ADVANTAGE, TRICARE, WORKERS_COMP, AUTO, SELF_PAY, OTHER' },
      { line: 4, column: 'edi_payer_id', message: 'must be 2–15 letters or digits' },
      { line: 5, column: 'telehealth_modifier_95', message: 'must be yes or no' },
      { line: 5, column: 'timely_filing_days', message: 'must be a whole number' },
      { line: 5, column: 'appeal_days', message: 'must not be less than 1' },
      { line: 6, column: 'address_line1', message: 'must be longer than or equal to 1 characters' },
      { line: 6, column: 'address_line1', message: 'must not be blank' },
      { line: 6, column: 'state', message: 'must be a two-letter state code' },
      { line: 6, column: 'postal_code', message: 'must be a ZIP or ZIP+4 code' },
      { line: 6, column: 'phone', message: 'must be a US phone number in E.164 form (+1NXXNXXXXXX)' },
      { line: 8, column: 'edi_payer_id', message: 'repeats line 2 of this file' },
      { line: 9, column: 'name', message: 'must be longer than or equal to 1 characters' },
      { line: 9, column: 'name', message: 'must not be blank' },
      { line: 7, column: 'edi_payer_id', message: 'is already in the payer directory' },
    ]);
    const refused = await upload(token, 'PAYERS', bad, false);
    expect(refused.body).toMatchObject({ status: 'REJECTED', problemCount: 14 });
    expect(await count()).toBe(before);

    const missing = await upload(token, 'PAYERS', 'name,type\nA,OTHER\n', true);
    expect(missing.body.problems).toEqual([
      { line: 1, column: 'edi_payer_id', message: 'is a required column and is missing' },
      { line: 2, column: 'edi_payer_id', message: 'must be 2–15 letters or digits' },
    ]);

    const good = `${header}\nAcme Health,ACME1,commercial,1 Main St,Springfield,il,62701,(217) 555-0100,yes,90,,no\nState Medicaid,SKIL0,MEDICAID,,,,,,,,,yes\n`;
    const done = await upload(token, 'PAYERS', good, false);
    expect(done.body).toMatchObject({ status: 'COMMITTED', rows: 2, problemCount: 0 });
    const [acme] = await db.select().from(payers).where(and(eq(payers.practiceId, practiceId), eq(payers.ediPayerId, 'ACME1')));
    expect(acme).toMatchObject({ name: 'Acme Health', payerType: 'COMMERCIAL', phone: '+12175550100', telehealthModifier95: true, timelyFilingDays: 90, appealDays: 180, priorAuthorizationRequired: false, address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' } });
    expect(await auditEntries(db, { practiceId, entityType: 'Payer', action: 'CREATE' })).toHaveLength(2);
    const again = await upload(token, 'PAYERS', good, false);
    expect(again.body.status).toBe('REJECTED');
    expect(again.body.problems).toContainEqual({ line: 1, column: null, message: `this file was already imported (import ${done.body.id})` });
    // FRONT_DESK may not add payers, so may not import them.
    const frontDesk = await upload(await server.token(practiceId, [Role.FRONT_DESK]), 'PAYERS', good, true);
    expect(frontDesk.status).toBe(403);
  });
});

describe('coverages import', () => {
  it('every kind of bad row gives its exact problems and nothing changes; a good file adds coverages with history, audited with their patients', async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    const ada = await insertPatient(db, practiceId, { mrn: 'M0000001' });
    const bob = await insertPatient(db, practiceId, { mrn: 'M0000002' });
    const acme = await insertPayer(db, practiceId, { ediPayerId: 'ACME1' });
    await insertPayer(db, practiceId, { ediPayerId: 'GONE1', active: false });
    const foreign = await insertPayer(db, await createPractice(db), { ediPayerId: 'OTHER1' });
    await db.insert(coverages).values({ practiceId, patientId: bob.id, payerId: acme.id, memberId: 'BOB123', subscriberRelationship: 'SELF', coverageOrder: 'PRIMARY', effectiveDate: '2025-01-01' });
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    const count = () => db.$count(coverages, eq(coverages.practiceId, practiceId));
    const header = 'mrn,payer_edi_id,member_id,group_number,subscriber_relationship,subscriber_given_name,subscriber_family_name,subscriber_date_of_birth,subscriber_sex,order,effective_date,end_date,copay';
    const bad = [
      header,
      'm0000001,acme1,ADA-001,G1,,,,,,,2026-01-01,,25',
      'M0000009,ACME1,X1,,,,,,,,2026-01-01,,',
      `M0000001,${foreign.ediPayerId},X2,,,,,,,SECONDARY,2026-01-01,,`,
      'M0000001,GONE1,X3,,,,,,,TERTIARY,2026-01-01,,',
      'M0000001,ACME1,-bad-,,,,,,,SECONDARY,2026-02-30,,12.345',
      'M0000001,ACME1,X5,,SPOUSE,,,,,SECONDARY,2026-01-01,2025-12-31,',
      'M0000001,ACME1,X6,,SELF,Sam,Lovelace,1980-01-01,MALE,SECONDARY,2026-01-01,,',
      'M0000001,ACME1,X7,,CHILD,Sam,Lovelace,2999-01-01,MALE,FOURTH,2026-01-01,,',
      'M0000002,ACME1,X8,,,,,,,PRIMARY,2026-01-01,,',
      'M0000001,ACME1,X9,,,,,,,PRIMARY,2026-06-01,2026-12-31,',
      'M0000001,ACME1,X10,,,,,,,PRIMARY,2026-01-01,2026-03-01,',
    ].join('\n');
    const before = await count();
    const dry = await upload(token, 'COVERAGES', bad, true);
    expect(dry.body).toMatchObject({ status: 'DRY_RUN', rows: 11 });
    expect(dry.body.problems).toEqual([
      { line: 6, column: 'member_id', message: 'must be 2–30 letters, digits or inner hyphens' },
      { line: 6, column: 'effective_date', message: 'must be a date written YYYY-MM-DD' },
      { line: 6, column: 'copay', message: 'must be a non-negative amount in dollars with at most 2 decimals, e.g. 25.00' },
      { line: 7, column: 'subscriber_relationship', message: 'is required unless the relationship is SELF' },
      { line: 7, column: 'end_date', message: 'must not be before the effective date' },
      { line: 8, column: 'subscriber_relationship', message: 'must be omitted when the relationship is SELF' },
      { line: 9, column: 'subscriber_date_of_birth', message: 'must not be in the future' },
      { line: 9, column: 'order', message: 'must be one of PRIMARY, SECONDARY, TERTIARY' },
      { line: 12, column: 'effective_date', message: 'repeats line 2 of this file' },
      { line: 3, column: 'mrn', message: 'is not the MRN of a patient of the practice' },
      { line: 4, column: 'payer_edi_id', message: 'is not the EDI payer id of a payer in the directory' },
      { line: 5, column: 'payer_edi_id', message: 'is an inactive payer' },
      { line: 10, column: 'order', message: 'the patient already has an active coverage of this order on some of these dates' },
      { line: 11, column: 'order', message: 'overlaps line 2 (same patient and order)' },
    ]);
    const refused = await upload(token, 'COVERAGES', bad, false);
    expect(refused.body.status).toBe('REJECTED');
    expect(await count()).toBe(before);

    // A subscriber born in the future (with a valid order) is the mutation's rule too.
    const future = await upload(token, 'COVERAGES', `${header}\nM0000001,ACME1,X7,,CHILD,Sam,Lovelace,2999-01-01,MALE,SECONDARY,2026-01-01,,\n`, true);
    expect(future.body.problems).toEqual([{ line: 2, column: 'subscriber_date_of_birth', message: 'must not be in the future' }]);

    const good = `${header}\nm0000001,acme1,ada-001,g1,,,,,,,2026-01-01,2026-06-30,25\nM0000001,ACME1,ADA-002,,,,,,,,2026-07-01,,\nM0000001,ACME1,SP-1,,SPOUSE,Sam,Lovelace,1980-01-01,male,SECONDARY,2026-01-01,,\n`;
    const done = await upload(token, 'COVERAGES', good, false);
    expect(done.body).toMatchObject({ status: 'COMMITTED', rows: 3, problemCount: 0 });
    const rows = await db.select().from(coverages).where(eq(coverages.patientId, ada.id));
    expect(rows.map((r) => [r.memberId, r.groupNumber, r.coverageOrder, r.effectiveDate, r.endDate, r.copayCents, r.subscriberRelationship]).sort()).toEqual([
      ['ADA-001', 'G1', 'PRIMARY', '2026-01-01', '2026-06-30', 2500, 'SELF'],
      ['ADA-002', null, 'PRIMARY', '2026-07-01', null, null, 'SELF'],
      ['SP-1', null, 'SECONDARY', '2026-01-01', null, null, 'SPOUSE'],
    ]);
    expect(rows.find((r) => r.memberId === 'SP-1')!.subscriber).toMatchObject({ given: 'Sam', family: 'Lovelace', dateOfBirth: '1980-01-01', sex: 'MALE' });
    const audited = await auditEntries(db, { practiceId, entityType: 'Coverage', action: 'CREATE' });
    expect(audited.map((a) => a.patientId)).toEqual([ada.id, ada.id, ada.id]);
    // A role without addCoverage may not import coverages.
    expect((await upload(await server.token(practiceId, [Role.CLINICIAN]), 'COVERAGES', good, true)).status).toBe(403);
  });
});

describe('fee schedules import', () => {
  it('charge master and payer contracts, effective-dated, in cents; overlaps with the schedule or the file are problems; the mutation runs the same import', async () => {
    const db = server.database.db;
    const practiceId = await createPractice(db);
    const acme = await insertPayer(db, practiceId, { ediPayerId: 'ACME1' });
    const token = await server.token(practiceId, [Role.BILLER]);
    const header = 'payer_edi_id,code,modifiers,amount,effective_from,effective_to,label';
    const first = await upload(token, 'FEE_SCHEDULES', `${header}\n,99213,,135.00,2026-01-01,2026-06-30,Office visit\nacme1,99213,,84.10,2026-01-01,,\n`, false);
    expect(first.body).toMatchObject({ status: 'COMMITTED', rows: 2 });
    const entries = () => db.select().from(feeScheduleEntries).where(eq(feeScheduleEntries.practiceId, practiceId));
    const stored = await entries();
    expect(stored.map((e) => [e.code, e.amountCents, e.effectiveFrom, e.effectiveTo]).sort()).toEqual([
      ['99213', 13500, '2026-01-01', '2026-06-30'],
      ['99213', 8410, '2026-01-01', null],
    ]);
    const bad = [
      header,
      ',99213,,140.00,2026-07-01,,Office visit',
      ',99213,,141.00,2026-05-01,,',
      'ACME1,99213,,90.00,2026-07-01,,',
      'NOPE1,99213,,90.00,2026-07-01,,',
      ',9921,25 59 95 GT XS,1.234,2026-13-01,,',
      ',20610,LT,300.5,2026-01-01,2025-12-31,',
      ',99214,,190.00,2026-01-01,,',
      ',99214,,1.00,2026-03-01,,',
      ',99214,,1.00,2026-01-01,,',
    ].join('\n');
    const before = stored.length;
    const dry = await upload(token, 'FEE_SCHEDULES', bad, true);
    expect(dry.body.problems).toEqual([
      { line: 6, column: 'code', message: 'must be a CPT (5 characters) or HCPCS Level II (letter + 4 digits) code' },
      { line: 6, column: 'modifiers', message: 'must be up to 4 two-character modifiers separated by spaces' },
      { line: 6, column: 'amount', message: 'must be a non-negative amount in dollars with at most 2 decimals, e.g. 125.00' },
      { line: 6, column: 'effective_from', message: 'must be a date YYYY-MM-DD' },
      { line: 7, column: 'effective_to', message: 'must not be before effective_from' },
      { line: 10, column: 'effective_from', message: 'repeats line 8 of this file' },
      { line: 3, column: 'effective_from', message: 'overlaps a price already in the schedule (same code and modifiers)' },
      { line: 4, column: 'effective_from', message: 'overlaps a price already in the schedule (same code and modifiers)' },
      { line: 5, column: 'payer_edi_id', message: 'is not the EDI payer id of a payer in the directory' },
      { line: 9, column: 'effective_from', message: 'overlaps line 8 (same code and modifiers)' },
    ]);
    expect((await upload(token, 'FEE_SCHEDULES', bad, false)).body.status).toBe('REJECTED');
    expect(await entries()).toHaveLength(before);
    expect(await auditEntries(db, { practiceId, entityType: 'FeeSchedule' })).toHaveLength(2);

    // The importFeeScheduleCsv mutation is a run of the same import (recorded, scoped to its schedule).
    const IMPORT = 'mutation($input: ImportFeeScheduleCsvInput!) { importFeeScheduleCsv(input: $input) { schedule { payerId } imported errors { line column message } } }';
    const csv = 'code,modifiers,amount,effective_from,effective_to,label\n99213,,88.00,2026-01-01,,\n';
    const replaced = await server.gql(token, IMPORT, { input: { payerId: acme.id, csv } });
    expect(replaced.data!.importFeeScheduleCsv).toEqual({ schedule: { payerId: acme.id }, imported: 1, errors: [] });
    expect((await entries()).filter((e) => e.amountCents === 8410)).toHaveLength(0);
    // The same file for the charge master is another scope: allowed (and replaces it); for the same payer again: refused.
    expect((await server.gql(token, IMPORT, { input: { csv } })).data!.importFeeScheduleCsv).toMatchObject({ imported: 1, errors: [] });
    const twice = await server.gql(token, IMPORT, { input: { payerId: acme.id, csv } });
    expect(twice.data!.importFeeScheduleCsv.errors).toEqual([{ line: 1, column: null, message: expect.stringMatching(/^this file was already imported \(import [0-9a-f-]{36}\)$/) }]);
    const runs = await db.select({ target: imports.target, scope: imports.scope, status: imports.status }).from(imports).where(eq(imports.practiceId, practiceId));
    expect(runs.filter((r) => r.scope !== '').map((r) => `${r.scope} ${r.status}`).sort()).toEqual(['charge-master COMMITTED', `payer:${acme.id} COMMITTED`, `payer:${acme.id} REJECTED`]);
    expect((await entries()).map((e) => e.amountCents).sort()).toEqual([8800, 8800]);
  });
});
