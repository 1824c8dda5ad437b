import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { feeScheduleEntries } from '../../../server/src/db/schema/billing.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { ensureCodeFixture } from '../../../server/src/modules/codes/code-fixture.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { insertPayer, insertProvider } from '../../factories/insurance.factory.js';
import { createLocation, createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { Scope } from '../../../server/src/graphql/scopes.js';

const SEARCH = `query($s: String!, $d: LocalDate!, $first: Int, $after: String) { diagnosisCodes(search: $s, dateOfService: $d, first: $first, after: $after) { edges { cursor node { code description billable source } } pageInfo { hasNextPage endCursor } } }`;
const PROCS = `query($s: String!, $d: LocalDate!) { procedureCodes(search: $s, dateOfService: $d) { edges { node { code description source } } } }`;
const VALIDATE = `query($input: ValidateCodesInput!) { validateCodes(input: $input) { valid problems { path code reason message } } }`;
const FEE_FOR = `query($code: String!, $m: [String!], $payerId: ID, $d: LocalDate!) { feeFor(code: $code, modifiers: $m, payerId: $payerId, dateOfService: $d) { code modifiers charge allowed label } }`;
const UPSERT = `mutation($input: UpsertFeeScheduleEntriesInput!) { upsertFeeScheduleEntries(input: $input) { schedule { id kind payerId } entries { code modifiers amount effectiveFrom effectiveTo label } } }`;
const IMPORT = `mutation($input: ImportFeeScheduleCsvInput!) { importFeeScheduleCsv(input: $input) { schedule { id kind } imported errors { line column message } } }`;
const EXPORT = `query($payerId: ID) { exportFeeScheduleCsv(payerId: $payerId) }`;
const ENTRIES = `query($first: Int, $after: String) { feeSchedules { kind entries(first: $first, after: $after) { edges { node { code modifiers amount } } pageInfo { hasNextPage endCursor } } } }`;
const PROFILE = `query { billingProfile { legalName tin groupNpi taxonomyCode billingAddress { line1 } payToAddress { line1 } serviceFacilities { locationId facilityName npi } version } }`;
const UPDATE_PROFILE = `mutation($input: UpdateBillingProfileInput!) { updateBillingProfile(input: $input) { billingProfile { tin groupNpi version } } }`;
const FACILITY = `mutation($input: SetServiceFacilityInput!) { setServiceFacility(input: $input) { serviceFacility { locationId facilityName npi } } }`;
const PROVIDER_BILLING = `mutation($input: SetProviderBillingInput!) { setProviderBilling(input: $input) { providerBilling { providerId billsUnderGroup } } }`;

const PROFILE_INPUT = { legalName: 'Test Group LLC', tin: '12-3456789', groupNpi: '1234567893', taxonomyCode: '207Q00000X', billingAddress: { line1: '1 Main St', city: 'Albany', state: 'NY', postalCode: '12207' } };

let server: TestServer;
let practiceId: string;
let biller: string;
beforeAll(async () => {
  server = await startTestServer();
  await ensureCodeFixture(server.database.db);
  practiceId = await createPractice(server.database.db);
  biller = await server.token(practiceId, [Role.BILLER]);
});

describe('code search and validation', () => {
  it('finds diagnoses by code prefix, exact code first, and by misspelled words', async () => {
    const byCode = await server.gql(biller, SEARCH, { s: 'e11.9', d: '2026-03-02' });
    expect(byCode.errors).toBeUndefined();
    expect(byCode.data!.diagnosisCodes.edges[0].node).toMatchObject({ code: 'E11.9', billable: true, source: 'ICD10CM' });
    const prefix = await server.gql(biller, SEARCH, { s: 'E11', d: '2026-03-02' });
    const codes = prefix.data!.diagnosisCodes.edges.map((e: { node: { code: string } }) => e.node.code);
    expect(codes[0]).toBe('E11');
    expect(codes.every((c: string) => c.startsWith('E11'))).toBe(true);
    const typo = await server.gql(biller, SEARCH, { s: 'diabetis', d: '2026-03-02' });
    expect(typo.data!.diagnosisCodes.edges.map((e: { node: { code: string } }) => e.node.code)).toContain('E11.9');
    const words = await server.gql(biller, SEARCH, { s: 'hypertenshun', d: '2026-03-02' });
    expect(words.data!.diagnosisCodes.edges[0].node.code).toBe('I10');
  });

  it('pages the ranked result with cursors', async () => {
    const first = await server.gql(biller, SEARCH, { s: 'E11', d: '2026-03-02', first: 2 });
    expect(first.data!.diagnosisCodes.pageInfo.hasNextPage).toBe(true);
    const next = await server.gql(biller, SEARCH, { s: 'E11', d: '2026-03-02', first: 2, after: first.data!.diagnosisCodes.pageInfo.endCursor });
    const all = await server.gql(biller, SEARCH, { s: 'E11', d: '2026-03-02', first: 4 });
    const code = (r: typeof all) => r.data!.diagnosisCodes.edges.map((e: { node: { code: string } }) => e.node.code);
    expect([...code(first), ...code(next)]).toEqual(code(all));
    const bad = await server.gql(biller, SEARCH, { s: 'E11', d: '2026-03-02', after: 'nope' });
    expect(bad.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('searches procedures: HCPCS, and CPT numbers by the practice’s own label only', async () => {
    await server.gql(biller, UPSERT, { input: { entries: [{ code: '99213', amount: 13500, effectiveFrom: '2026-01-01', label: 'Office visit, established' }] } });
    const hits = await server.gql(biller, PROCS, { s: 'office visit', d: '2026-03-02' });
    expect(hits.data!.procedureCodes.edges.map((e: { node: unknown }) => e.node)).toContainEqual({ code: '99213', description: 'Office visit, established', source: 'FEE_SCHEDULE' });
    const wellness = await server.gql(biller, PROCS, { s: 'annual wellnes', d: '2026-03-02' });
    expect(wellness.data!.procedureCodes.edges.map((e: { node: { code: string } }) => e.node.code)).toEqual(expect.arrayContaining(['G0438', 'G0439']));
    const other = await server.token(await createPractice(server.database.db), [Role.BILLER]);
    const theirs = await server.gql(other, PROCS, { s: '99213', d: '2026-03-02' });
    expect(theirs.data!.procedureCodes.edges).toEqual([]);
  });

  it('validateCodes reports every problem with its path', async () => {
    const res = await server.gql(biller, VALIDATE, { input: { dateOfService: '2026-03-02', diagnoses: ['E11.9', 'E11'], procedures: ['99213', 'G9999'], modifiers: ['25', 'ZZ'] } });
    expect(res.data!.validateCodes.valid).toBe(false);
    expect(res.data!.validateCodes.problems.map((p: { path: string; reason: string }) => [p.path, p.reason])).toEqual([
      ['diagnoses.1', 'NOT_BILLABLE'],
      ['procedures.1', 'UNKNOWN'],
      ['modifiers.1', 'UNKNOWN'],
    ]);
    // Two statements (releases in force, codes) whatever the number of codes; one for a search page.
    expect(res.extensions!.stats!.sqlStatements).toBe(2);
    const many = await server.gql(biller, VALIDATE, { input: { dateOfService: '2026-03-02', diagnoses: Array(12).fill('I10'), procedures: Array(20).fill('G0439') } });
    expect(many.data!.validateCodes.valid).toBe(true);
    expect(many.extensions!.stats!.sqlStatements).toBe(2);
    expect((await server.gql(biller, SEARCH, { s: 'cough', d: '2026-03-02' })).extensions!.stats!.sqlStatements).toBe(1);
  });
});

describe('fee schedules', () => {
  it('sets prices, refuses overlaps with a path, and quotes charge and allowed amount', async () => {
    const payer = await insertPayer(server.database.db, practiceId);
    const set = await server.gql(biller, UPSERT, { input: { payerId: payer.id, entries: [{ code: '99213', amount: 8400, effectiveFrom: '2026-01-01' }] } });
    expect(set.data!.upsertFeeScheduleEntries.schedule).toMatchObject({ kind: 'PAYER_CONTRACT', payerId: payer.id });
    const overlap = await server.gql(biller, UPSERT, { input: { entries: [{ code: '99214', amount: 1, effectiveFrom: '2026-01-01' }, { code: '99214', amount: 2, effectiveFrom: '2026-06-01' }] } });
    expect(overlap.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.entries.1.effectiveFrom' }] });
    const quote = await server.gql(biller, FEE_FOR, { code: '99213', m: ['25'], payerId: payer.id, d: '2026-03-02' });
    expect(quote.data!.feeFor).toEqual({ code: '99213', modifiers: ['25'], charge: 13500, allowed: 8400, label: 'Office visit, established' });
    const before = await server.gql(biller, FEE_FOR, { code: '99213', d: '2025-12-31' });
    expect(before.data!.feeFor).toMatchObject({ charge: null, allowed: null });
    // Replacing the entry with the same start date ends it instead of overlapping.
    const ended = await server.gql(biller, UPSERT, { input: { entries: [{ code: '99213', amount: 13500, effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30', label: 'Office visit, established' }, { code: '99213', amount: 14000, effectiveFrom: '2026-07-01', label: 'Office visit, established' }] } });
    expect(ended.errors).toBeUndefined();
    expect((await server.gql(biller, FEE_FOR, { code: '99213', d: '2026-07-01' })).data!.feeFor.charge).toBe(14000);
    const otherPayer = await insertPayer(server.database.db, await createPractice(server.database.db));
    const foreign = await server.gql(biller, UPSERT, { input: { payerId: otherPayer.id, entries: [{ code: '99213', amount: 1, effectiveFrom: '2026-01-01' }] } });
    expect(foreign.errors![0]!.extensions.code).toBe('NOT_FOUND');
  });

  it('imports a CSV all or nothing, with row-level errors, and exports it back', async () => {
    const admin = await server.token(await createPractice(server.database.db), [Role.PRACTICE_ADMIN]);
    const good = 'code,modifiers,amount,effective_from,effective_to,label\n99213,,135.00,2026-01-01,,"Visit, established"\n20610,LT,300.5,2026-01-01,2026-12-31,Joint injection\nJ1885,,15,2026-01-01,,\n';
    const imported = await server.gql(admin, IMPORT, { input: { csv: good } });
    expect(imported.data!.importFeeScheduleCsv).toMatchObject({ imported: 3, errors: [], schedule: { kind: 'CHARGE_MASTER' } });
    const csv = (await server.gql(admin, EXPORT, {})).data!.exportFeeScheduleCsv;
    expect(csv).toBe('code,modifiers,amount,effective_from,effective_to,label\n20610,LT,300.50,2026-01-01,2026-12-31,Joint injection\n99213,,135.00,2026-01-01,,"Visit, established"\nJ1885,,15.00,2026-01-01,,\n');
    const bad = 'code,modifiers,amount,effective_from,effective_to,label\n99214,,190.00,2026-01-01,,\n9921,,12.345,2026-13-01,,\n99214,25 59 95 GT XS,10,2026-02-01,,\n99214,,1.00,2026-03-01,,\n99215,,1.00,2026-03-01,,a\tb\n';
    const refused = await server.gql(admin, IMPORT, { input: { csv: bad } });
    expect(refused.data!.importFeeScheduleCsv.imported).toBe(0);
    expect(refused.data!.importFeeScheduleCsv.errors).toEqual([
      { line: 3, column: 'code', message: expect.any(String) },
      { line: 3, column: 'amount', message: expect.any(String) },
      { line: 3, column: 'effective_from', message: expect.any(String) },
      { line: 4, column: 'modifiers', message: expect.any(String) },
      { line: 5, column: 'effective_from', message: 'overlaps line 2 (same code and modifiers)' },
      { line: 6, column: 'label', message: 'must not contain control characters' },
    ]);
    // Nothing changed: the export is the same as before.
    expect((await server.gql(admin, EXPORT, {})).data!.exportFeeScheduleCsv).toBe(csv);
    const header = await server.gql(admin, IMPORT, { input: { csv: 'code,amount\n99213,1\n' } });
    // The mutation runs the FEE_SCHEDULES import: a missing column is named on the header line, and each row lacks it.
    expect(header.data!.importFeeScheduleCsv.errors).toEqual([
      { line: 1, column: 'effective_from', message: 'is a required column and is missing' },
      { line: 2, column: 'effective_from', message: 'must be a date YYYY-MM-DD' },
    ]);
  });

  it('takes concurrent writers of a new schedule one after the other', async () => {
    const pid = await createPractice(server.database.db);
    const token = await server.token(pid, [Role.BILLER]);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => server.gql(token, UPSERT, { input: { entries: [{ code: `9920${i}`, amount: 1000 + i, effectiveFrom: '2026-01-01' }] } })));
    expect(results.map((r) => r.errors)).toEqual(Array(6).fill(undefined));
    expect(new Set(results.map((r) => r.data!.upsertFeeScheduleEntries.schedule.id)).size).toBe(1);
    const rows = await server.database.db.select().from(feeScheduleEntries).where(eq(feeScheduleEntries.practiceId, pid));
    expect(rows.map((r) => r.code).sort()).toEqual(['99200', '99201', '99202', '99203', '99204', '99205']);
  });

  it('pages a schedule’s entries in a fixed number of statements', async () => {
    const admin = await server.token(await createPractice(server.database.db), [Role.PRACTICE_ADMIN]);
    const rows = Array.from({ length: 30 }, (_, i) => `${99100 + i},,${i + 1}.00,2026-01-01,,`);
    await server.gql(admin, IMPORT, { input: { csv: `code,modifiers,amount,effective_from,effective_to,label\n${rows.join('\n')}\n` } });
    const page1 = await server.gql(admin, ENTRIES, { first: 20 });
    const page2 = await server.gql(admin, ENTRIES, { first: 20, after: page1.data!.feeSchedules[0].entries.pageInfo.endCursor });
    expect(page1.data!.feeSchedules[0].entries.edges).toHaveLength(20);
    expect(page2.data!.feeSchedules[0].entries.edges.map((e: { node: { code: string } }) => e.node.code)[0]).toBe('99120');
    expect(page2.data!.feeSchedules[0].entries.pageInfo.hasNextPage).toBe(false);
    expect(page1.extensions!.stats!.sqlStatements).toBeLessThanOrEqual(2);
  });
});

describe('billing profile', () => {
  it('is set up by PRACTICE_ADMIN with checks, versioned and audited', async () => {
    const pid = await createPractice(server.database.db);
    const admin = await server.token(pid, [Role.PRACTICE_ADMIN]);
    expect((await server.gql(admin, PROFILE)).data!.billingProfile).toBeNull();
    const poBox = await server.gql(admin, UPDATE_PROFILE, { input: { ...PROFILE_INPUT, groupNpi: '1234567890', billingAddress: { ...PROFILE_INPUT.billingAddress, line1: 'P.O. Box 12' } } });
    expect(poBox.errors![0]!.extensions.fields!.map((f) => f.path).sort()).toEqual(['input.billingAddress.line1', 'input.groupNpi']);
    const created = await server.gql(admin, UPDATE_PROFILE, { input: PROFILE_INPUT });
    expect(created.data!.updateBillingProfile.billingProfile).toEqual({ tin: '123456789', groupNpi: '1234567893', version: 1 });
    const noVersion = await server.gql(admin, UPDATE_PROFILE, { input: PROFILE_INPUT });
    expect(noVersion.errors![0]!.extensions.fields![0]!.path).toBe('input.expectedVersion');
    const stale = await server.gql(admin, UPDATE_PROFILE, { input: { ...PROFILE_INPUT, expectedVersion: 7 } });
    expect(stale.errors![0]!.extensions.code).toBe('VERSION_CONFLICT');
    const updated = await server.gql(admin, UPDATE_PROFILE, { input: { ...PROFILE_INPUT, expectedVersion: 1, payToAddress: { line1: 'PO Box 9', city: 'Albany', state: 'NY', postalCode: '12210' } } });
    expect(updated.data!.updateBillingProfile.billingProfile.version).toBe(2);
    const location = await createLocation(server.database.db, pid);
    await server.gql(admin, FACILITY, { input: { locationId: location.id, facilityName: 'Main Street Clinic', npi: '1234567893' } });
    const read = await server.gql(await server.token(pid, [Role.FRONT_DESK]), PROFILE);
    expect(read.data!.billingProfile).toMatchObject({ payToAddress: { line1: 'PO Box 9' }, serviceFacilities: [{ locationId: location.id, facilityName: 'Main Street Clinic' }] });
    const audit = await auditEntries(server.database.db, { practiceId: pid });
    expect(audit.filter((a) => a.entityType === 'BillingProfile').map((a) => a.action)).toEqual(['CREATE', 'UPDATE']);
  });

  it('keeps practices apart and sets whether a provider bills under the group', async () => {
    const mine = await createPractice(server.database.db);
    const admin = await server.token(mine, [Role.PRACTICE_ADMIN]);
    const provider = await insertProvider(server.database.db, mine);
    const res = await server.gql(admin, PROVIDER_BILLING, { input: { providerId: provider.id, billsUnderGroup: false } });
    expect(res.data!.setProviderBilling.providerBilling).toEqual({ providerId: provider.id, billsUnderGroup: false });
    const theirs = await insertProvider(server.database.db, practiceId);
    const foreign = await server.gql(admin, PROVIDER_BILLING, { input: { providerId: theirs.id, billsUnderGroup: false } });
    expect(foreign.errors![0]!.extensions.code).toBe('NOT_FOUND');
    const otherLocation = await createLocation(server.database.db, practiceId);
    const facility = await server.gql(admin, FACILITY, { input: { locationId: otherLocation.id, facilityName: 'x' } });
    expect(facility.errors![0]!.extensions.code).toBe('NOT_FOUND');
    expect((await server.gql(admin, PROFILE)).data!.billingProfile).toBeNull();
  });
});

describe('roles', () => {
  it('lets FRONT_DESK read but not write, BILLER write fees but not the profile, CLINICIAN and ANALYST nothing', async () => {
    const desk = await server.token(practiceId, [Role.FRONT_DESK]);
    expect((await server.gql(desk, FEE_FOR, { code: '99213', d: '2026-03-02' })).errors).toBeUndefined();
    expect((await server.gql(desk, EXPORT, {})).errors).toBeUndefined();
    expect((await server.gql(desk, UPSERT, { input: { entries: [] } })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await server.gql(desk, IMPORT, { input: { csv: 'x' } })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await server.gql(biller, UPDATE_PROFILE, { input: PROFILE_INPUT })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    expect((await server.gql(biller, FACILITY, { input: { locationId: practiceId } })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    // A partner client without a billing scope is refused like a clinician.
    const partner = (await partnerToken(server, practiceId, [Scope.SCHEDULING_READ, Scope.PATIENTS_READ_DEMOGRAPHICS])).token;
    for (const role of [Role.CLINICIAN, Role.ANALYST, 'PARTNER']) {
      const t = role === 'PARTNER' ? partner : await server.token(practiceId, [role as Role]);
      for (const [q, v] of [[SEARCH, { s: 'E11', d: '2026-03-02' }], [PROCS, { s: '99', d: '2026-03-02' }], [VALIDATE, { input: { dateOfService: '2026-03-02' } }], [FEE_FOR, { code: '99213', d: '2026-03-02' }], [PROFILE, {}], [EXPORT, {}], [ENTRIES, {}]] as const) {
        expect((await server.gql(t, q, v)).errors![0]!.extensions.code, `${role} ${q.slice(0, 30)}`).toBe('FORBIDDEN');
      }
    }
    const rows = await server.database.db.select().from(feeScheduleEntries).where(eq(feeScheduleEntries.practiceId, practiceId));
    expect(rows.length).toBeGreaterThan(0);
  });
});
