import { createClient, isMedofficeError } from '@medoffice/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import { Scope } from '../../../server/src/graphql/scopes.js';
import { claimWorld } from '../../factories/claim.factory.js';
import { partnerToken } from '../../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('claims through the SDK, as a partner billing service', () => {
  it('creates a claim from a finalized superbill, scrubs it, fixes an edit, works the follow-up queue', async () => {
    const w = await claimWorld(server, { payer: { priorAuthorizationRequired: true } });
    const partner = createClient({ url: server.url, token: (await partnerToken(server, w.practiceId, [Scope.BILLING_WRITE])).token });

    const { createClaims } = await partner.createClaims({ input: { superbillId: w.superbillId } });
    const claim = createClaims.claims[0]!;
    expect(claim).toMatchObject({ status: 'DRAFT', frequencyCode: '1', revision: 1, superbillId: w.superbillId, payerId: w.payer.id });
    const { scrubClaim } = await partner.scrubClaim({ input: { id: claim.id } });
    expect(scrubClaim.claim.status).toBe('DRAFT');
    expect(scrubClaim.claim.lastScrub?.findings.map((f) => [f.code, f.severity, f.path])).toEqual([['PRIOR_AUTH_MISSING', 'ERROR', 'priorAuthorizationNumber']]);

    const { updateClaim } = await partner.updateClaim({ input: { id: claim.id, expectedVersion: scrubClaim.claim.version, priorAuthorizationNumber: 'PA-778' } });
    const { scrubClaim: again } = await partner.scrubClaim({ input: { id: claim.id } });
    expect([updateClaim.claim.lastScrub, again.claim.status, again.claim.lastScrub?.clean]).toEqual([null, 'READY', true]);

    const { claims } = await partner.claims({ filter: { status: ['READY'] }, first: 10 });
    expect(claims.edges.map((e) => e.node.id)).toEqual([claim.id]);
    const { superbill } = await partner.superbillClaims({ id: w.superbillId });
    expect(superbill.claims.map((c) => c.id)).toEqual([claim.id]);

    await partner.assignClaim({ input: { id: claim.id, assigneeId: 'partner-biller-1' } });
    await partner.addClaimNote({ input: { id: claim.id, body: 'Authorization obtained by phone.' } });
    const { claim: read } = await partner.claim({ id: claim.id });
    expect(read).toMatchObject({ assigneeId: 'partner-biller-1', notes: [{ body: 'Authorization obtained by phone.' }] });
    // A failed scrub of a DRAFT and an edit of a DRAFT move nothing: created, then scrubbed clean.
    expect(read.history.map((h) => [h.from, h.to])).toEqual([[null, 'DRAFT'], ['DRAFT', 'READY']]);
    const { claimsNeedingFollowUp } = await partner.claimsNeedingFollowUp({ filter: { assigneeId: 'partner-biller-1' } });
    expect(claimsNeedingFollowUp.edges).toEqual([]);

    const error = await partner.voidClaim({ input: { id: claim.id, expectedVersion: 1, reason: 'x' } }).catch((e: unknown) => e);
    expect(isMedofficeError(error) && error.code).toBe('VERSION_CONFLICT');
  });
});
