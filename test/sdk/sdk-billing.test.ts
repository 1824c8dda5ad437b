import { beforeAll, describe, expect, it } from 'vitest';
import { createClient, isMedofficeError } from '@medoffice/sdk';
import { Role } from '../../server/src/graphql/roles.js';
import { ensureCodeFixture } from '../../server/src/modules/codes/code-fixture.js';
import { insertPayer } from '../factories/insurance.factory.js';
import { createPractice } from '../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await ensureCodeFixture(server.database.db);
});

describe('SDK: a biller sets up fees and looks codes up', () => {
  it('imports a charge master and a contract, searches codes, validates and prices a visit', async () => {
    const practiceId = await createPractice(server.database.db);
    const payer = await insertPayer(server.database.db, practiceId);
    const biller = createClient({ url: server.url, token: await server.token(practiceId, [Role.BILLER]), retry: false });

    const header = 'code,modifiers,amount,effective_from,effective_to,label';
    const master = await biller.importFeeScheduleCsv({ input: { csv: `${header}\n99213,,130.00,2025-01-01,2025-12-31,Office visit est.\n99213,,135.00,2026-01-01,,Office visit est.\n36415,,25,2025-01-01,,Blood draw\n` } });
    expect(master.importFeeScheduleCsv).toMatchObject({ imported: 3, errors: [] });
    await biller.importFeeScheduleCsv({ input: { payerId: payer.id, csv: `${header}\n99213,,84.10,2025-01-01,,\n` } });

    const found: string[] = [];
    for await (const code of biller.paginate.diagnosisCodes({ search: 'diabetis', dateOfService: '2026-02-10', first: 5 })) found.push(code.code);
    expect(found).toContain('E11.9');
    const { procedureCodes } = await biller.procedureCodes({ search: 'office visit', dateOfService: '2026-02-10' });
    expect(procedureCodes.edges[0]!.node).toMatchObject({ code: '99213', description: 'Office visit est.', source: 'FEE_SCHEDULE' });

    const { validateCodes } = await biller.validateCodes({ input: { dateOfService: '2026-02-10', diagnoses: ['E11.9', 'E11'], procedures: ['99213', '36415'], modifiers: ['25'] } });
    expect(validateCodes.problems).toEqual([{ path: 'diagnoses.1', code: 'E11', reason: 'NOT_BILLABLE', message: expect.any(String) }]);

    const { feeFor } = await biller.feeFor({ code: '99213', modifiers: ['25'], payerId: payer.id, dateOfService: '2026-02-10' });
    expect(feeFor).toEqual({ code: '99213', modifiers: ['25'], charge: 13500, allowed: 8410, label: 'Office visit est.' });
    const lastYear = await biller.feeFor({ code: '99213', dateOfService: '2025-12-31' });
    expect(lastYear.feeFor.charge).toBe(13000);

    const err = await biller.updateBillingProfile({ input: { legalName: 'X', tin: '123456789', groupNpi: '1234567893', taxonomyCode: '207Q00000X', billingAddress: { line1: '1 Main St', city: 'Albany', state: 'NY', postalCode: '12207' } } }).catch((e) => e);
    expect(isMedofficeError(err, 'FORBIDDEN')).toBe(true);
  });
});
