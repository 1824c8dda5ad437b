import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../server/src/graphql/roles.js';
import { auditEntries } from '../../helpers/audit-rows.js';
import { billingWorld } from '../../factories/superbill.factory.js';
import { pdfPagesText } from '../../helpers/pdf-text.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { CREATE, FINALIZE, PDF } from './superbill-ops.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { Scope } from '../../../server/src/graphql/scopes.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('superbillPdf', () => {
  it('renders a US Letter PDF whose text says who, when, where, what and how much', async () => {
    const w = await billingWorld(server);
    const lines = [
      { code: '99214', modifiers: ['25'], diagnosisPointers: ['A', 'B'] },
      { code: '36415', units: 2, diagnosisPointers: ['A'] },
      { code: 'G0439', diagnosisPointers: ['C'], unitCharge: 123_456, chargeOverrideReason: 'Extended visit', note: 'Annual wellness' },
    ];
    const input = { appointmentId: w.appointment.id, diagnoses: ['E11.9', 'I10', 'Z00.00'], lines, referringProvider: { name: 'Refer Synthetic MD', npi: '1234567893' }, priorAuthorizationNumber: 'PA-778' };
    const s = (await server.gql(w.biller, CREATE, { input })).data!.createSuperbill.superbill;
    await server.gql(w.biller, FINALIZE, { input: { id: s.id, expectedVersion: 1 } });
    const desk = await server.token(w.practiceId, [Role.FRONT_DESK]);
    const res = await server.gql(desk, PDF, { id: s.id });
    expect(res.errors).toBeUndefined();
    const pdf = res.data!.superbillPdf;
    expect(pdf).toMatchObject({ fileName: `superbill-${s.number}.pdf`, contentType: 'application/pdf' });
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.length).toBe(pdf.byteLength);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.SUPERBILL_PDF_OUT) writeFileSync(process.env.SUPERBILL_PDF_OUT, bytes);

    const [text, ...more] = await pdfPagesText(bytes);
    expect(more).toEqual([]);
    for (const expected of [
      'Superbill', `No. ${s.number}`, 'Synthetic Family Practice LLC', '12-3456789', '1234567893', w.provider.npi, `${w.provider.givenName} ${w.provider.familyName}`,
      `${w.patient.givenName} ${w.patient.familyName}`, w.patient.mrn, '03/02/2026', '11 Office', 'PA-778', 'Refer Synthetic MD (NPI 1234567893)',
      'E11.9', 'Type 2 diabetes mellitus without complications', 'I10', 'Z00.00',
      '99214', '25', '36415', 'G0439', '$185.00', '$25.00', '$50.00', '$1,234.56', 'Total charges', '$1,469.56', 'Amount paid', 'Balance', '$1,444.56',
    ]) {
      expect(text, expected).toContain(expected);
    }
    const exports = await auditEntries(server.database.db, { practiceId: w.practiceId, entityId: s.id, action: 'EXPORT' });
    expect(exports).toHaveLength(1);
  });

  it('marks a draft as such, and is refused to roles outside billing and to other practices', async () => {
    const w = await billingWorld(server);
    const s = (await server.gql(w.biller, CREATE, { input: { appointmentId: w.appointment.id } })).data!.createSuperbill.superbill;
    const res = await server.gql(w.biller, PDF, { id: s.id });
    const [text] = await pdfPagesText(Buffer.from(res.data!.superbillPdf.base64, 'base64'));
    expect(text).toContain('DRAFT: not final');
    const partner = (await partnerToken(server, w.practiceId, [Scope.PATIENTS_READ_DEMOGRAPHICS])).token;
    for (const token of [await server.token(w.practiceId, [Role.CLINICIAN]), await server.token(w.practiceId, [Role.ANALYST]), partner]) {
      expect((await server.gql(token, PDF, { id: s.id })).errors![0]!.extensions.code).toBe('FORBIDDEN');
    }
    const other = await billingWorld(server);
    expect((await server.gql(other.biller, PDF, { id: s.id })).errors![0]!.extensions.code).toBe('NOT_FOUND');
  });
});
