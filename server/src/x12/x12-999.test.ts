import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse999 } from './x12-999.js';
import { buildInterchange } from './x12-envelope.js';

const SAMPLES = '/work/shared/data/x12-samples';
const sample = (path: string) => readFileSync(`${SAMPLES}/${path}`, 'utf8');

const ack = (fill: (add: (tag: string, el: string[]) => void) => void) =>
  buildInterchange({
    parties: { senderId: 'SIMCH', receiverId: 'MEDOFFICE', usage: 'T' },
    transactionSet: '999',
    version: '005010X231A1',
    controlNumber: 77,
    at: new Date('2026-11-26T15:00:00Z'),
    fill: (tx) => fill((tag, el) => tx.addSegment(tag, el)),
  });

describe('parse999', () => {
  it('reads an accepted sample (imsweb), reporting its mismatched IEA02 instead of dropping it', () => {
    const a = parse999(sample('imsweb/837_5010/x12_999_accepted.txt'));
    expect(a.accepted).toBe(true);
    expect(a.group).toEqual({ functionalId: 'HC', controlNumber: '17456', version: '005010X223A2' });
    expect(a.transactionSets).toEqual([{ transactionSet: '837', controlNumber: '0001', version: '005010X223A2', status: 'A', accepted: true, errorCodes: [], segmentErrors: [] }]);
    expect(a.groupStatus).toEqual({ status: 'A', included: 1, received: 1, accepted: 1, errorCodes: [] });
    expect(a.problems).toEqual([expect.stringMatching(/IEA02/)]);
  });

  it('reads a rejected sample (imsweb, "|" as component separator): IK3 segment error and IK5 R 5', () => {
    const a = parse999(sample('imsweb/837_5010/x12_999_rejected.txt'));
    expect(a.accepted).toBe(false);
    expect(a.transactionSets[0]).toMatchObject({ transactionSet: '837', controlNumber: '0028', status: 'R', accepted: false, errorCodes: ['5'] });
    expect(a.transactionSets[0]!.segmentErrors).toEqual([{ segmentId: 'NM', position: 17, loopId: null, code: '1', description: 'Unrecognized segment ID', elements: [] }]);
    expect(a.groupStatus).toMatchObject({ status: 'R', included: 1, received: 1, accepted: 0 });
    expect(a.problems).toEqual([]);
  });

  it('reads element errors (IK4 with component position and bad value) of a document we build', () => {
    const raw = ack((add) => {
      add('AK1', ['HC', '905', '005010X222A1']);
      add('AK2', ['837', '0905', '005010X222A1']);
      add('IK3', ['CLM', '19', '2300', '8']);
      add('IK4', ['5:3', '1325', '7', '5']);
      add('IK3', ['NM1', '8', '2010AA', '3']);
      add('IK5', ['R', '5']);
      add('AK9', ['R', '1', '1', '0']);
    });
    const a = parse999(raw);
    expect(a.problems).toEqual([]);
    expect(a.accepted).toBe(false);
    expect(a.transactionSets[0]!.segmentErrors).toEqual([
      { segmentId: 'CLM', position: 19, loopId: '2300', code: '8', description: 'Segment has data element errors', elements: [{ position: 5, component: 3, repetition: null, referenceNumber: '1325', code: '7', description: 'Invalid code value', badValue: '5' }] },
      { segmentId: 'NM1', position: 8, loopId: '2010AA', code: '3', description: 'Required segment missing', elements: [] },
    ]);
  });

  it('lists what does not add up: counts, unknown codes, IK4 without IK3, missing IK5 and AK9', () => {
    const raw = ack((add) => {
      add('AK1', ['HC', '905', '005010X222A1']);
      add('AK2', ['837', '0905']);
      add('IK4', ['2', '', 'Z9']);
      add('IK5', ['Q', '99']);
      add('AK2', ['837', '0906']);
      add('AK9', ['A', '2', '3', '2']);
    });
    expect(parse999(raw).problems).toEqual([
      'IK4 outside a segment error (no IK3 before it)',
      'IK501 Q is not an acknowledgment code',
      'IK50x 99 is not a transaction set error code',
      'transaction set 0906 has no IK5 status',
      'AK903 says 3 transaction sets received; 2 are acknowledged',
      'AK904 says 2 transaction sets accepted; 0 IK5 accept',
    ]);
  });

  it('refuses what is not a 999', () => {
    expect(() => parse999(sample('imsweb/277_5010/x12_277CA_accepted.txt'))).toThrow(/expected a 999/);
    expect(() => parse999('<html>')).toThrow(/not an X12/);
  });
});
