import { beforeAll, describe, expect, it } from 'vitest';
import { billingWorld, goodContent, PRICES } from '../../factories/superbill.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { CORRECT, CREATE, FINALIZE, GET, UPDATE, VOID } from './superbill-ops.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const errorOf = (res: { errors?: { extensions: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions;

describe('a superbill from a completed appointment', () => {
  it('takes the encounter from the appointment, charges from the fee schedule and the copay from check-in', async () => {
    const w = await billingWorld(server);
    const res = await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id, ...goodContent() } });
    expect(res.errors).toBeUndefined();
    const s = res.data!.createSuperbill.superbill;
    expect(s).toMatchObject({
      status: 'DRAFT', patientId: w.patient.id, renderingProviderId: w.provider.id, locationId: w.location.id, dateOfService: '2026-03-02', placeOfServiceCode: '11', telehealth: false,
      copayCollected: 2_500, totalCharge: PRICES['99213'] + PRICES['36415'], balance: PRICES['99213'] + PRICES['36415'] - 2_500, version: 1,
      billingProvider: { name: 'Synthetic Family Practice LLC', tin: '123456789', npi: '1234567893' },
    });
    expect(s.diagnoses).toEqual([
      { pointer: 'A', code: 'E11.9', description: expect.stringContaining('Type 2 diabetes') },
      { pointer: 'B', code: 'I10', description: expect.any(String) },
    ]);
    expect(s.lines[0]).toMatchObject({ lineNumber: 1, code: '99213', modifiers: ['25'], units: 1, unitFee: 13_000, charge: 13_000, scheduleFee: 13_000, diagnosisPointers: ['A', 'B'], description: 'Label 99213' });
    expect(res.data!.createSuperbill.warnings).toEqual([]);
  });

  it('stores unit fee and line charge (charge = unit fee × units); an override needs a reason', async () => {
    const w = await billingWorld(server);
    const lines: Record<string, unknown>[] = [{ code: '36415', units: 3, diagnosisPointers: ['A'] }, { code: '99214', units: 1, unitCharge: 15_000, diagnosisPointers: ['A'] }];
    const refused = await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id, diagnoses: ['E11.9'], lines } });
    expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.lines.1.chargeOverrideReason' }] });
    lines[1] = { ...lines[1], chargeOverrideReason: 'Sliding scale' };
    const res = await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id, diagnoses: ['E11.9'], lines } });
    expect(res.errors).toBeUndefined();
    const s = res.data!.createSuperbill.superbill;
    expect(s.lines.map((l: { unitFee: number; charge: number; scheduleFee: number; chargeOverrideReason: string | null }) => [l.unitFee, l.charge, l.scheduleFee, l.chargeOverrideReason])).toEqual([
      [2_500, 7_500, 2_500, null],
      [15_000, 15_000, 18_500, 'Sliding scale'],
    ]);
    expect(s.totalCharge).toBe(22_500);
  });

  it('refuses a bad pointer with a typed error on its path, changing nothing; the fix goes through', async () => {
    const w = await billingWorld(server);
    const created = (await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id, ...goodContent() } })).data!.createSuperbill.superbill;
    const bad = await server.gql(w.biller, UPDATE, { input: { id: created.id, expectedVersion: 1, lines: [{ code: '99213', diagnosisPointers: ['C'] }] } });
    expect(errorOf(bad)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.lines.0.diagnosisPointers.0', message: 'points at no diagnosis of this superbill' }] });
    expect((await server.gql(w.biller, GET, { id: created.id })).data!.superbill).toMatchObject({ version: 1, lines: [{ code: '99213' }, { code: '36415' }] });
    const fixed = await server.gql(w.biller, UPDATE, { input: { id: created.id, expectedVersion: 1, lines: [{ code: '99213', diagnosisPointers: ['B'] }] } });
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data!.updateSuperbill.superbill).toMatchObject({ version: 2, totalCharge: 13_000, lines: [{ code: '99213', diagnosisPointers: ['B'] }] });
  });

  it('refuses codes not valid or not billable on the date of service, units < 1, negative charges and too many of anything', async () => {
    const w = await billingWorld(server);
    const input = (over: Record<string, unknown>) => ({ input: { appointmentId: w.appointment.id, ...goodContent(), ...over } });
    const cases: [Record<string, unknown>, string][] = [
      [{ diagnoses: ['E11', 'I10'] }, 'input.diagnoses.0'],
      [{ diagnoses: ['X99.9', 'I10'] }, 'input.diagnoses.0'],
      [{ lines: [{ code: 'G9999', diagnosisPointers: ['A'], unitCharge: 100 }] }, 'input.lines.0.code'],
      [{ lines: [{ code: '99213', modifiers: ['ZZ'], diagnosisPointers: ['A'] }] }, 'input.lines.0.modifiers.0'],
      [{ lines: [{ code: '99213', units: 0, diagnosisPointers: ['A'] }] }, 'input.lines.0.units'],
      [{ lines: [{ code: '99213', unitCharge: -5, chargeOverrideReason: 'x', diagnosisPointers: ['A'] }] }, 'input.lines.0.unitCharge'],
      [{ lines: [{ code: '99213', modifiers: ['25', '59', 'GT', 'LT', 'RT'], diagnosisPointers: ['A'] }] }, 'input.lines.0.modifiers'],
      [{ diagnoses: Array.from({ length: 13 }, (_, i) => `Z0${i % 10}.${i}`) }, 'input.diagnoses'],
      [{ lines: Array.from({ length: 51 }, () => ({ code: '99213', diagnosisPointers: ['A'] })) }, 'input.lines'],
      [{ lines: [{ code: '99215', diagnosisPointers: ['A'] }] }, 'input.lines.0.unitCharge'],
      [{ copayCollected: -1 }, 'input.copayCollected'],
      [{ patientId: w.patient.id }, 'input.patientId'],
    ];
    for (const [over, path] of cases) {
      const res = await server.gql(w.biller, CREATE, input(over));
      expect(errorOf(res)?.code, path).toBe('BAD_USER_INPUT');
      const fields = (errorOf(res)?.fields ?? []) as { path: string }[];
      expect(fields.map((f) => f.path), JSON.stringify(over)).toContain(path);
    }
    const list = await server.gql(w.biller, `{ superbills { totalCount } }`);
    expect(list.data!.superbills.totalCount).toBe(0);
  });

  it('needs an ARRIVED, IN_ROOM or COMPLETED appointment, and makes one live superbill per appointment', async () => {
    const booked = await billingWorld(server, { status: 'BOOKED' });
    expect(errorOf(await server.gql(booked.biller, CREATE, { input: { appointmentId: booked.appointment.id, ...goodContent() } }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.appointmentId' }] });
    const w = await billingWorld(server, { status: 'IN_ROOM' });
    expect((await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id, ...goodContent() } })).errors).toBeUndefined();
    expect(errorOf(await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id, ...goodContent() } }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.appointmentId' }] });
  });

  it('asks for modifier 95 on a telehealth visit when the payer wants it', async () => {
    const w = await billingWorld(server, { modality: 'TELEHEALTH' });
    const lines = [{ code: '99213', diagnosisPointers: ['A'] }];
    const refused = await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id, payerId: w.payer95.id, diagnoses: ['I10'], lines } });
    expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.lines.0.modifiers', message: expect.stringContaining('95') }] });
    const ok = await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id, payerId: w.payer95.id, diagnoses: ['I10'], lines: [{ ...lines[0], modifiers: ['95'] }] } });
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.createSuperbill.superbill).toMatchObject({ telehealth: true, placeOfServiceCode: '10', payerId: w.payer95.id });
  });

  it('warns about the same patient, provider, date and code twice', async () => {
    const w = await billingWorld(server);
    const first = (await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id, ...goodContent() } })).data!.createSuperbill.superbill;
    const standalone = { patientId: w.patient.id, renderingProviderId: w.provider.id, locationId: w.location.id, dateOfService: '2026-03-02' };
    const res = await server.gql(w.biller, CREATE, { input: { ...standalone, diagnoses: ['I10'], lines: [{ code: '99213', diagnosisPointers: ['A'] }, { code: '99213', diagnosisPointers: ['A'] }] } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createSuperbill.superbill).toMatchObject({ appointmentId: null, placeOfServiceCode: '11', copayCollected: 0 });
    expect(res.data!.createSuperbill.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'POSSIBLE_DUPLICATE', path: 'lines.1', otherSuperbillId: null }),
        expect.objectContaining({ code: 'POSSIBLE_DUPLICATE', path: 'lines.0', otherSuperbillId: first.id }),
      ]),
    );
  });
});

describe('status, versions and corrections', () => {
  it('finalizes once; a finalized superbill never changes; a correction supersedes it and both stay readable', async () => {
    const w = await billingWorld(server);
    const s = (await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id, ...goodContent() } })).data!.createSuperbill.superbill;
    expect(errorOf(await server.gql(w.biller, FINALIZE, { input: { id: s.id, expectedVersion: 7 } }))).toMatchObject({ code: 'VERSION_CONFLICT', actualVersion: 1 });
    const fin = await server.gql(w.biller, FINALIZE, { input: { id: s.id, expectedVersion: 1 } });
    expect(fin.data!.finalizeSuperbill.superbill).toMatchObject({ status: 'FINALIZED', version: 2 });
    expect(errorOf(await server.gql(w.biller, UPDATE, { input: { id: s.id, expectedVersion: 2, priorAuthorizationNumber: 'PA1' } }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.id' }] });
    expect(errorOf(await server.gql(w.biller, FINALIZE, { input: { id: s.id, expectedVersion: 2 } }))?.code).toBe('BAD_USER_INPUT');

    const corr = (await server.gql(w.biller, CORRECT, { input: { id: s.id, expectedVersion: 2 } })).data!.correctSuperbill.superbill;
    expect(corr).toMatchObject({ status: 'DRAFT', supersedesId: s.id, appointmentId: w.appointment.id, totalCharge: s.totalCharge, lines: s.lines, diagnoses: s.diagnoses });
    expect(errorOf(await server.gql(w.biller, CORRECT, { input: { id: s.id, expectedVersion: 2 } }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    await server.gql(w.biller, UPDATE, { input: { id: corr.id, expectedVersion: 1, lines: [{ code: '99214', modifiers: ['25'], diagnosisPointers: ['A', 'B'] }] } });
    const corrFin = await server.gql(w.biller, FINALIZE, { input: { id: corr.id, expectedVersion: 2 } });
    expect(corrFin.errors).toBeUndefined();
    const old = (await server.gql(w.biller, GET, { id: s.id })).data!.superbill;
    expect(old).toMatchObject({ status: 'SUPERSEDED', supersededById: corr.id, totalCharge: s.totalCharge, lines: s.lines, version: 3 });
    expect((await server.gql(w.biller, GET, { id: corr.id })).data!.superbill).toMatchObject({ status: 'FINALIZED', totalCharge: PRICES['99214'] });
    expect(errorOf(await server.gql(w.biller, VOID, { input: { id: s.id, expectedVersion: 3, reason: 'x' } }))?.code).toBe('BAD_USER_INPUT');
  });

  it('voids a finalized superbill with a reason; a voided one cannot change', async () => {
    const w = await billingWorld(server);
    const s = (await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id, ...goodContent() } })).data!.createSuperbill.superbill;
    await server.gql(w.biller, FINALIZE, { input: { id: s.id, expectedVersion: 1 } });
    expect(errorOf(await server.gql(w.biller, VOID, { input: { id: s.id, expectedVersion: 2, reason: '  ' } }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.reason' }] });
    const v = await server.gql(w.biller, VOID, { input: { id: s.id, expectedVersion: 2, reason: 'Wrong patient' } });
    expect(v.data!.voidSuperbill.superbill).toMatchObject({ status: 'VOIDED', voidReason: 'Wrong patient', version: 3 });
    expect(errorOf(await server.gql(w.biller, CORRECT, { input: { id: s.id, expectedVersion: 3 } }))?.code).toBe('BAD_USER_INPUT');
    // The appointment is free again for a new superbill.
    expect((await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id, ...goodContent() } })).errors).toBeUndefined();
  });

  it('refuses to finalize an empty draft, and a stale version on update changes nothing', async () => {
    const w = await billingWorld(server);
    const s = (await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id } })).data!.createSuperbill.superbill;
    expect(errorOf(await server.gql(w.biller, FINALIZE, { input: { id: s.id, expectedVersion: 1 } }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.id' }, { path: 'input.id' }] });
    await server.gql(w.biller, UPDATE, { input: { id: s.id, expectedVersion: 1, ...goodContent() } });
    expect(errorOf(await server.gql(w.biller, UPDATE, { input: { id: s.id, expectedVersion: 1, diagnoses: ['I10'] } }))).toMatchObject({ code: 'VERSION_CONFLICT', expectedVersion: 1, actualVersion: 2 });
    expect((await server.gql(w.biller, GET, { id: s.id })).data!.superbill.diagnoses).toHaveLength(2);
  });

  it('creation and finalize are retry-safe with an idempotency key', async () => {
    const w = await billingWorld(server);
    const input = { idempotencyKey: 'create-key-1', appointmentId: w.appointment.id, ...goodContent() };
    const [a, b] = await Promise.all([server.gql(w.biller, CREATE, { input }), server.gql(w.biller, CREATE, { input })]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data!.createSuperbill.superbill.id).toBe(b.data!.createSuperbill.superbill.id);
    expect(errorOf(await server.gql(w.biller, CREATE, { input: { ...input, diagnoses: ['I10'] } }))?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const id = a.data!.createSuperbill.superbill.id;
    const f1 = await server.gql(w.biller, FINALIZE, { input: { id, expectedVersion: 1, idempotencyKey: 'finalize-key-1' } });
    const f2 = await server.gql(w.biller, FINALIZE, { input: { id, expectedVersion: 1, idempotencyKey: 'finalize-key-1' } });
    expect(f2.errors).toBeUndefined();
    expect(f2.data!.finalizeSuperbill.superbill).toEqual(f1.data!.finalizeSuperbill.superbill);
  });
});
