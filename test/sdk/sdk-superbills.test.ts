import { createClient, isMedofficeError, type MedofficeClient } from '@medoffice/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/graphql/roles.js';
import { billingWorld, PRICES } from '../factories/superbill.factory.js';
import { pdfPagesText } from '../helpers/pdf-text.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe("SDK: a biller's day", () => {
  it('searches codes, builds a superbill from a completed appointment, fixes a bad pointer after the typed error, finalizes and fetches the PDF', async () => {
    const w = await billingWorld(server);
    const client: MedofficeClient = createClient({ url: server.url, token: await server.token(w.practiceId, [Role.BILLER]), retry: false });
    const dateOfService = '2026-03-02';

    // Search: a typo still finds type 2 diabetes; a procedure by its code prefix.
    const { diagnosisCodes } = await client.diagnosisCodes({ search: 'diabetis without complications', dateOfService, first: 5 });
    const diabetes = diagnosisCodes.edges.map((e) => e.node).find((c) => c.code === 'E11.9');
    expect(diabetes).toMatchObject({ billable: true, description: 'Type 2 diabetes mellitus without complications' });
    const { procedureCodes } = await client.procedureCodes({ search: 'G043', dateOfService, first: 5 });
    expect(procedureCodes.edges.map((e) => e.node.code)).toContain('G0439');

    // Build it from the completed appointment, pointing line 2 at a diagnosis that is not there.
    const input = {
      idempotencyKey: 'sdk-superbill-0001',
      appointmentId: w.appointment.id,
      diagnoses: [diabetes!.code],
      lines: [
        { code: '99213', modifiers: ['25'], diagnosisPointers: ['A'] },
        { code: 'G0439', diagnosisPointers: ['B'] },
      ],
    };
    const err = await client.createSuperbill({ input }).catch((e: unknown) => e);
    expect(isMedofficeError(err, 'BAD_USER_INPUT')).toBe(true);
    expect((err as { fields?: { path: string }[] }).fields?.map((f) => f.path)).toEqual(['input.lines.1.diagnosisPointers.0']);

    const fixed = { ...input, idempotencyKey: 'sdk-superbill-0002', diagnoses: [diabetes!.code, 'Z00.00'] };
    const { createSuperbill } = await client.createSuperbill({ input: fixed });
    const draft = createSuperbill.superbill;
    expect(draft).toMatchObject({ status: 'DRAFT', dateOfService, copayCollected: 2_500, totalCharge: PRICES['99213'] + PRICES.G0439 });
    expect(draft.lines.map((l) => [l.code, l.diagnosisPointers])).toEqual([['99213', ['A']], ['G0439', ['B']]]);

    // Finalize (retry-safe), then a finalized superbill refuses changes.
    const { finalizeSuperbill } = await client.finalizeSuperbill({ input: { id: draft.id, expectedVersion: draft.version, idempotencyKey: 'sdk-finalize-0001' } });
    expect(finalizeSuperbill.superbill.status).toBe('FINALIZED');
    const again = await client.finalizeSuperbill({ input: { id: draft.id, expectedVersion: draft.version, idempotencyKey: 'sdk-finalize-0001' } });
    expect(again.finalizeSuperbill.superbill.version).toBe(finalizeSuperbill.superbill.version);
    const refused = await client.updateSuperbill({ input: { id: draft.id, expectedVersion: finalizeSuperbill.superbill.version, priorAuthorizationNumber: 'X' } }).catch((e: unknown) => e);
    expect(isMedofficeError(refused, 'BAD_USER_INPUT')).toBe(true);

    // The appointment shows it; the list finds it; the PDF reads back.
    const { appointment } = await client.appointmentSuperbill({ id: w.appointment.id });
    expect(appointment.superbill?.id).toBe(draft.id);
    const { superbills } = await client.superbills({ filter: { status: ['FINALIZED'], from: dateOfService, to: dateOfService } });
    expect(superbills.edges.map((e) => e.node.id)).toEqual([draft.id]);
    const { superbillPdf } = await client.superbillPdf({ id: draft.id });
    const [text] = await pdfPagesText(Buffer.from(superbillPdf.base64, 'base64'));
    expect(text).toContain('E11.9');
    expect(text).toContain('$305.00');
  });
});
