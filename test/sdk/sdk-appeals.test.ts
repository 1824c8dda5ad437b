import { createClient, isMedofficeError } from '@medoffice/sdk';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { payers } from '../../server/src/db/schema/insurance.js';
import { Scope } from '../../server/src/graphql/scopes.js';
import { insertCoverage } from '../factories/claim.factory.js';
import { insertPayer } from '../factories/insurance.factory.js';
import { acceptedClaim, post835, remittanceWorld, simulated835, submittedOf } from '../factories/remittance.factory.js';
import { partnerToken } from '../helpers/partner-client.js';
import { pdfPagesText } from '../helpers/pdf-text.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('SDK: a partner billing service works denials and secondary claims', () => {
  it('appeals a denial (open, submit, list, letter, withdraw) and bills the secondary payer after the primary', async () => {
    const w = await remittanceWorld(server);
    const db = server.database.db;
    await db.update(payers).set({ appealDays: 3650 }).where(eq(payers.id, w.payer.id));
    const denied = await acceptedClaim(w, '5');
    const coinsurance = await acceptedClaim(w, '3');
    const second = await insertPayer(db, w.practiceId, { name: 'Second Synthetic Plan', ediPayerId: 'SEC03', timelyFilingDays: 3650 });
    await insertCoverage({ ...w, patient: { id: coinsurance.patientId } } as never, second.id, { coverageOrder: 'SECONDARY', memberId: 'SEC9990000' });
    const { errors } = await post835(w, simulated835([submittedOf(denied), submittedOf(coinsurance)]).x12, 'sdk-appeals-835-1');
    expect(errors).toBeUndefined();

    const { token } = await partnerToken(server, w.practiceId, [Scope.BILLING_WRITE]);
    const client = createClient({ url: server.url, token, retry: false });

    const opened = (await client.createAppeal({ input: { claimId: denied.id, reason: 'Authorization was on file', letter: 'Please reprocess: authorization PA-1 was obtained.', idempotencyKey: 'sdk-appeal-0001' } })).createAppeal;
    expect(opened).toMatchObject({ replayed: false, appeal: { status: 'DRAFT', reasonCodes: ['197'], deadline: '2036-03-17' } });
    const submitted = (await client.submitAppeal({ input: { id: opened.appeal.id, expectedVersion: opened.appeal.version } })).submitAppeal.appeal;
    expect(submitted.history.map((h) => h.to)).toEqual(['DRAFT', 'SUBMITTED']);
    const { appeals } = await client.appeals({ filter: { status: ['SUBMITTED'] }, first: 10 });
    expect(appeals.edges.map((e) => e.node.id)).toEqual([opened.appeal.id]);
    const letter = (await client.appealLetter({ id: opened.appeal.id })).appealLetter;
    expect((await pdfPagesText(Buffer.from(letter.base64, 'base64'))).join(' ')).toContain('Please reprocess: authorization PA-1 was obtained.');
    const stale = await client.withdrawAppeal({ input: { id: opened.appeal.id, expectedVersion: 1, reason: 'resolved' } }).catch((e: unknown) => e);
    expect(isMedofficeError(stale, 'VERSION_CONFLICT')).toBe(true);
    expect((await client.withdrawAppeal({ input: { id: opened.appeal.id, expectedVersion: submitted.version, reason: 'resolved' } })).withdrawAppeal.appeal.status).toBe('WITHDRAWN');

    // The secondary claim was made when the primary's 835 posted: asking again returns it.
    const secondary = (await client.createSecondaryClaim({ input: { claimId: coinsurance.id } })).createSecondaryClaim;
    expect(secondary).toMatchObject({ existing: true, claim: { status: 'DRAFT', payerResponsibility: 'S', priorPayerClaimId: coinsurance.id, payerId: second.id } });
    const cob = (await client.claimCoordination({ id: secondary.claim.id })).claim;
    expect(cob.otherPayers).toHaveLength(1);
    expect(cob.otherPayers[0]).toMatchObject({ responsibility: 'P', ediPayerId: w.payer.ediPayerId, adjudicationDate: '2026-03-20' });
    expect(cob.priorPayerClaim).toMatchObject({ id: coinsurance.id, payerResponsibility: 'P' });
  });
});
