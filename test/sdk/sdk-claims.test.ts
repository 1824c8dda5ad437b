import { createClient, isMedofficeError } from '@medoffice/sdk';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { billingProfiles } from '../../server/src/db/schema/billing.js';
import { claims } from '../../server/src/db/schema/claims.js';
import { locations } from '../../server/src/db/schema/locations.js';
import { patients } from '../../server/src/db/schema/patients.js';
import { Scope } from '../../server/src/graphql/scopes.js';
import { claimWorld, finalizedSuperbill } from '../factories/claim.factory.js';
import { partnerToken } from '../helpers/partner-client.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

describe('SDK: a partner billing service works the claims', () => {
  it('pages finalized superbills, creates and scrubs claims, fixes an edit, submits with a key (a retry gets the same batch), reads acknowledgments and works the follow-up queue', async () => {
    const w = await claimWorld(server);
    const db = server.database.db;
    // What the 837P needs that the claim world leaves out (billing phone, 9-digit ZIPs, the patient's address).
    const zip9 = { city: 'Albany', state: 'NY', postalCode: '122071234', country: 'US' };
    await db.update(billingProfiles).set({ phone: '+15185550100' }).where(eq(billingProfiles.practiceId, w.practiceId));
    await db.update(locations).set({ address: { line1: '200 Clinic Road', ...zip9 } }).where(eq(locations.id, w.location.id));
    await db.update(patients).set({ address: { line1: '1 Synthetic Lane', ...zip9, postalCode: '12207' } }).where(eq(patients.id, w.patient.id));
    await finalizedSuperbill(w, undefined, new Date('2026-03-03T15:00:00Z'));
    const { token } = await partnerToken(server, w.practiceId, [Scope.BILLING_WRITE, Scope.PATIENTS_READ_DEMOGRAPHICS]);
    const client = createClient({ url: server.url, token, retry: false });

    const { superbills } = await client.superbills({ filter: { status: ['FINALIZED'] }, first: 10 });
    const superbillIds = superbills.edges.map((e) => e.node.id);
    expect(superbillIds).toHaveLength(2);
    const ids: string[] = [];
    for (const superbillId of superbillIds) {
      const { createClaims } = await client.createClaims({ input: { superbillId } });
      const c = createClaims.claims[0]!;
      await db.update(claims).set({ snapshot: sql`jsonb_set(${claims.snapshot}, '{billingProvider,address,postalCode}', '"122071234"')` }).where(eq(claims.id, c.id));
      ids.push(c.id);
    }

    // The first claim's member id is mistyped: the scrub keeps it DRAFT; fixed (to the simulator's REJ rule) it passes.
    const first = (await client.claim({ id: ids[0]! })).claim;
    await client.updateClaim({ input: { id: first.id, expectedVersion: first.version, memberId: 'AB#12 $' } });
    const failed = (await client.scrubClaim({ input: { id: first.id } })).scrubClaim.claim;
    expect(failed.status).toBe('DRAFT');
    expect(failed.lastScrub?.findings.map((f) => f.code)).toEqual(['MEMBER_ID_INVALID']);
    await client.updateClaim({ input: { id: first.id, expectedVersion: failed.version, memberId: 'REJ5550001' } });
    for (const id of ids) expect((await client.scrubClaim({ input: { id } })).scrubClaim.claim.status).toBe('READY');

    const input = { claimIds: ids, idempotencyKey: 'sdk-submit-0001' };
    const sent = (await client.submitClaims({ input })).submitClaims;
    expect(sent.replayed).toBe(false);
    expect(sent.batches).toHaveLength(1);
    expect(sent.batches[0]).toMatchObject({ claimCount: 2, status: 'ACCEPTED', ack999: { status: 'A' } });
    const again = (await client.submitClaims({ input })).submitClaims;
    expect(again).toMatchObject({ replayed: true, batches: [{ id: sent.batches[0]!.id }] });
    const reused = await client.submitClaims({ input: { claimIds: [ids[1]!], idempotencyKey: 'sdk-submit-0001' } }).catch((e: unknown) => e);
    expect(isMedofficeError(reused, 'IDEMPOTENCY_KEY_REUSED')).toBe(true);
    expect((await client.claimBatch({ id: sent.batches[0]!.id })).claimBatch.x12).toMatch(/^ISA\*/);

    const rejected = (await client.claimAcknowledgments({ id: ids[0]! })).claim;
    expect(rejected).toMatchObject({ status: 'REJECTED', acknowledgments: [{ kind: '277CA', outcome: 'REJECTED', statuses: [{ category: 'A7', code: '164' }] }] });
    const accepted = (await client.claimAcknowledgments({ id: ids[1]! })).claim;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', payerClaimNumber: expect.stringMatching(/^SIM/), acknowledgments: [{ kind: '277CA', outcome: 'ACCEPTED' }] });

    const queue = (await client.claimsNeedingFollowUp({ filter: { reasons: ['REJECTED'] }, first: 10 })).claimsNeedingFollowUp;
    expect(queue.edges.map((e) => e.node.claim.id)).toEqual([ids[0]]);
    const assigned = (await client.assignClaim({ input: { id: ids[0]!, assigneeId: 'partner-worker-7' } })).assignClaim.claim;
    expect(assigned.assigneeId).toBe('partner-worker-7');
    const noted = (await client.addClaimNote({ input: { id: ids[0]!, body: 'Member id REJ5550001 rejected; asking the office for the card.' } })).addClaimNote;
    expect(noted.note.body).toContain('asking the office');
  });
});
