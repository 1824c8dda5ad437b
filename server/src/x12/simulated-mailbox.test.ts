import { describe, expect, it } from 'vitest';
import { sampleClaim, sampleDependentClaim, sampleEnvelope } from './claim-fixture.js';
import { checkRemittance } from './era-balance.js';
import { read837Claims } from './simulated-837-reader.js';
import { SimulatedClearinghouse } from './simulated-clearinghouse.js';
import { parse277CA } from './x12-277ca.js';
import { SPEC_835 } from './x12-835-spec.js';
import { build837P } from './x12-837p.js';
import { parseX12 } from './x12-document.js';
import { checkX12 } from './x12-conformance.js';

const claims = [sampleClaim(1, { subscriber: { ...sampleClaim(1).subscriber, memberId: 'W100000010' }, priorAuthorizationNumber: 'PA-1' }), sampleDependentClaim(2), sampleClaim(3, { subscriber: { ...sampleClaim(3).subscriber, memberId: 'REJ0000003' } })];
const x12 = build837P(claims, sampleEnvelope());
/** Our writer sends text upper case (x12Text). */
const upper = <T>(v: T): T => JSON.parse(JSON.stringify(v), (_k, x) => (typeof x === 'string' ? x.toUpperCase() : x));

describe('the simulator reads an 837P back as the payer sees it', () => {
  it('gives each claim its account, frequency, member, relationship, prior authorization, providers and lines as sent', () => {
    const read = read837Claims(x12);
    expect(read.map((r) => r.responsibility)).toEqual(['P', 'P', 'P']);
    read.forEach((r, i) => {
      const c = claims[i]!;
      expect(r.snapshot).toMatchObject({
        patientAccountNumber: c.patientAccountNumber, frequencyCode: '1', placeOfServiceCode: c.placeOfServiceCode, totalChargeCents: c.totalChargeCents, priorAuthorizationNumber: c.priorAuthorizationNumber,
        billingProvider: { npi: c.billingProvider.npi, tin: c.billingProvider.tin, name: upper(c.billingProvider.name), address: upper(c.billingProvider.address) },
        renderingProvider: { npi: c.renderingProvider!.npi, name: upper(c.renderingProvider!.name) },
        payer: { ediPayerId: c.payer.ediPayerId, name: upper(c.payer.name) },
        subscriber: { memberId: c.subscriber.memberId, claimFilingIndicator: c.subscriber.claimFilingIndicator, name: upper(c.subscriber.name) },
        patient: { relationshipToSubscriber: c.patient.relationshipToSubscriber, name: upper(c.patient.name) },
        dateOfService: c.dateOfService,
      });
      expect(r.snapshot.lines.map((l) => [l.position, l.code, l.modifiers, l.units, l.chargeCents, l.dateOfService])).toEqual(c.lines.map((l) => [l.position, l.code, l.modifiers, l.units, l.chargeCents, l.dateOfService]));
    });
  });
});

describe('the simulated mailbox', () => {
  it('mailbox delivery: nothing in the exchange; the 999 and 277CA wait in the submitter\'s mailbox, the ERA only after the 277CA was taken', async () => {
    const sim = new SimulatedClearinghouse({ delivery: 'mailbox' });
    expect(await sim.submit837(x12, { mailbox: 'practice-a' })).toEqual({ ack999: null, acks277ca: null });
    expect(await sim.listMailbox('practice-b')).toEqual([]);
    const waiting = await sim.listMailbox('practice-a');
    expect(waiting.map((f) => f.name.split('-')[0])).toEqual(['999', '277CA']);
    const texts = await Promise.all(waiting.map((f) => sim.fetchMailboxFile('practice-a', f.id)));
    expect(texts.map((t) => parseX12(t).st[0])).toEqual(['999', '277']);
    expect(parse277CA(texts[1]!).claims.map((c) => c.outcome)).toEqual(['ACCEPTED', 'ACCEPTED', 'REJECTED']);
    // Fetching does not remove; acknowledging does, and only then does the payer's ERA appear.
    expect(await sim.listMailbox('practice-a')).toHaveLength(2);
    await sim.acknowledgeMailboxFile('practice-a', waiting[0]!.id);
    expect((await sim.listMailbox('practice-a')).map((f) => f.id)).toEqual([waiting[1]!.id]);
    await sim.acknowledgeMailboxFile('practice-a', waiting[1]!.id);
    const [era] = await sim.listMailbox('practice-a');
    expect(era!.name).toMatch(/^835-/);
    const text = await sim.fetchMailboxFile('practice-a', era!.id);
    expect(checkX12(text, SPEC_835)).toEqual([]);
    const checked = checkRemittance(text);
    expect(checked.postable).toBe(true);
    // The accepted claims only (the rejected one never reached the payer); …0 paid in full, the dependent's by its rule.
    expect(checked.remittance!.claims.map((c) => c.patientAccountNumber)).toEqual([claims[0]!.patientAccountNumber, claims[1]!.patientAccountNumber]);
    expect(checked.remittance!.claims[0]).toMatchObject({ statusCode: '1', paidCents: claims[0]!.totalChargeCents });
    await sim.acknowledgeMailboxFile('practice-a', era!.id);
    await sim.acknowledgeMailboxFile('practice-a', era!.id);
    expect(await sim.listMailbox('practice-a')).toEqual([]);
    await expect(sim.fetchMailboxFile('practice-a', era!.id)).rejects.toMatchObject({ kind: 'HTTP_STATUS' });
  });

  it('synchronous delivery (the default): the 999 and 277CA come back in the exchange, only the ERA is filed, and a claim sent again is adjudicated as a repeat', async () => {
    const sim = new SimulatedClearinghouse();
    const answer = await sim.submit837(x12, { mailbox: 'p' });
    expect(answer.ack999).not.toBeNull();
    expect(answer.acks277ca).not.toBeNull();
    const [era] = await sim.listMailbox('p');
    expect(era!.name).toMatch(/^835-/);
    await sim.acknowledgeMailboxFile('p', era!.id);
    const again = build837P([claims[0]!], sampleEnvelope({ interchangeControlNumber: 99, groupControlNumber: 99, transactionControlNumber: 99 }));
    await sim.submit837(again, { mailbox: 'p' });
    const [second] = await sim.listMailbox('p');
    const repeat = checkRemittance(await sim.fetchMailboxFile('p', second!.id)).remittance!.claims[0]!;
    expect(repeat.lines[0]!.adjustments).toMatchObject([{ group: 'CO', reason: '18' }]);
  });
});
