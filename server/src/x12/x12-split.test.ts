import { describe, expect, it } from 'vitest';
import { buildInterchange } from './x12-envelope.js';
import { splitInterchanges } from './x12-split.js';

const one = (n: number) =>
  buildInterchange({ parties: { senderId: 'SENDER', receiverId: 'RECEIVER', usage: 'T' }, transactionSet: '999', version: '005010X231A1', controlNumber: n, at: new Date('2026-12-01T00:00:00Z'), fill: (tx) => tx.addSegment('AK1', ['HC', String(n)]) });

describe('splitInterchanges', () => {
  it('splits interchanges written one after the other, with or without line breaks between them', () => {
    expect(splitInterchanges(`${one(1)}${one(2)}`)).toEqual([one(1), one(2)]);
    expect(splitInterchanges(`${one(1)}\r\n${one(2)}\n`)).toEqual([one(1), one(2)]);
    expect(splitInterchanges(one(3))).toEqual([one(3)]);
  });
  it('keeps what is not an interchange as a last piece instead of dropping it', () => {
    expect(splitInterchanges('<html>502</html>')).toEqual(['<html>502</html>']);
    expect(splitInterchanges(`${one(1)}trailing junk`)).toEqual([one(1), 'trailing junk']);
    const cut = one(2).slice(0, -12);
    expect(splitInterchanges(`${one(1)}${cut}`)).toEqual([one(1), cut]);
  });
});
