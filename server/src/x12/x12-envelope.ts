import { JSEDINotation, X12Generator } from 'node-x12';

/** Who sends and who receives an interchange, and whether it is a test or production exchange. */
export interface X12Parties {
  senderId: string;
  receiverId: string;
  usage: 'T' | 'P';
}

export const SEPARATORS = { elementDelimiter: '*', segmentTerminator: '~', subElementDelimiter: ':', repetitionDelimiter: '^' } as const;

/** Where a transaction set's body is written. Every segment goes through `trimElements`. */
export interface X12SegmentWriter {
  addSegment(tag: string, elements: readonly string[]): void;
}

/**
 * X12 forbids trailing empty elements in a segment and trailing empty components in a composite (a
 * strict validator answers 999 IK5*R*5): this is the one place they are removed, for every segment the
 * product writes.
 */
export function trimElements(elements: readonly string[], component: string = SEPARATORS.subElementDelimiter): string[] {
  const out = elements.map((e) => {
    let v = e;
    while (v.endsWith(component)) v = v.slice(0, -component.length);
    return v;
  });
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

const pad = (v: string, n: number) => v.slice(0, n).padEnd(n, ' ');
const digits = (n: number, width: number) => String(n).padStart(width, '0');

/** X12 CCYYMMDD from an ISO date (YYYY-MM-DD). */
export const x12Date = (iso: string) => iso.replaceAll('-', '');

/** ISO date (YYYY-MM-DD) from X12 CCYYMMDD; null when it is not one. */
export function isoDate(d: string | undefined): string | null {
  return d && /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : null;
}

/**
 * Builds an interchange (ISA/GS/ST … SE/GE/IEA) around one transaction set with node-x12, which computes
 * SE01 and the GE/IEA counts. The interchange and group control numbers are both `controlNumber`.
 * Segments are written through `trimElements`, so none ends with a separator.
 * @param controlNumber - 1..999999999, unique per sender (from the database sequence)
 * @param fill - adds the body segments (between ST and SE) to the transaction
 */
export function buildInterchange(opts: {
  parties: X12Parties;
  functionalId: 'HS' | 'HB' | 'HP';
  transactionSet: '270' | '271' | '835';
  /** GS08 and ST03; 005010X279A1 (eligibility) unless given. */
  implementation?: '005010X279A1' | '005010X221A1';
  controlNumber: number;
  at: Date;
  fill: (tx: X12SegmentWriter) => void;
}): string {
  const { parties, at, controlNumber } = opts;
  if (!Number.isInteger(controlNumber) || controlNumber < 1 || controlNumber > 999_999_999) throw new RangeError('control number out of range');
  const iso = at.toISOString();
  const ymd = iso.slice(0, 10).replaceAll('-', '');
  const hm = iso.slice(11, 16).replace(':', '');
  const jsen = new JSEDINotation([
    '00', pad('', 10), '00', pad('', 10),
    'ZZ', pad(parties.senderId, 15), 'ZZ', pad(parties.receiverId, 15),
    ymd.slice(2), hm, SEPARATORS.repetitionDelimiter, '00501', digits(controlNumber, 9), '0', parties.usage, SEPARATORS.subElementDelimiter,
  ]);
  const implementation = opts.implementation ?? '005010X279A1';
  const group = jsen.addFunctionalGroup([opts.functionalId, parties.senderId, parties.receiverId, ymd, hm, String(controlNumber), 'X', implementation]);
  const tx = group.addTransaction([opts.transactionSet, '0001', implementation]);
  opts.fill({ addSegment: (tag, elements) => tx.addSegment(tag, trimElements(elements)) });
  return new X12Generator(jsen, { ...SEPARATORS }).toString();
}

/** Removes characters that would break an element (delimiters) and upper-cases, as payers expect. */
export function x12Text(value: string | null | undefined, max = 60): string {
  return (value ?? '')
    .normalize('NFKD')
    .replace(/[^\x20-\x7E]/g, '')
    .replace(/[*~:^|>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase()
    .slice(0, max);
}
