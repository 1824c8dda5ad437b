import { lazyRequire } from '../lib/lazy-require.js';

/** node-x12 loads with the first interchange written or read, not at start-up. */
export const nodeX12 = lazyRequire<typeof import('node-x12')>('node-x12');

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

/** The transaction sets the product writes (or, for 271/277/999, the simulator answers with). */
export type X12TransactionSetId = '270' | '271' | '276' | '277' | '835' | '837' | '999';

/** GS01 functional identifier of each transaction set. */
export const FUNCTIONAL_IDS: Readonly<Record<X12TransactionSetId, string>> = { '270': 'HS', '271': 'HB', '276': 'HR', '277': 'HN', '835': 'HP', '837': 'HC', '999': 'FA' };

const checkControl = (n: number, max: number) => {
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError('control number out of range');
};

/**
 * Builds an interchange (ISA/GS/ST … SE/GE/IEA) around one transaction set with node-x12, which computes
 * SE01 and the GE/IEA counts. Segments are written through `trimElements`, so none ends with a separator.
 * @param controlNumber - ISA13, 1..999999999, unique per sender (from the database sequence); also GS06
 *   unless `groupControlNumber` is given
 * @param transactionControlNumber - ST02/SE02 (written with at least 4 digits); 1 when not given
 * @param version - GS08 and ST03 (the implementation guide); 005010X279A1 when not given
 * @param fill - adds the body segments (between ST and SE) to the transaction
 */
export function buildInterchange(opts: {
  parties: X12Parties;
  transactionSet: X12TransactionSetId;
  /** GS01; the transaction set's own when not given. */
  functionalId?: string;
  version?: string;
  controlNumber: number;
  groupControlNumber?: number;
  transactionControlNumber?: number;
  at: Date;
  fill: (tx: X12SegmentWriter) => void;
}): string {
  const { parties, at, controlNumber } = opts;
  const group = opts.groupControlNumber ?? controlNumber;
  const st02 = opts.transactionControlNumber ?? 1;
  checkControl(controlNumber, 999_999_999);
  checkControl(group, 999_999_999);
  checkControl(st02, 999_999_999);
  const version = opts.version ?? '005010X279A1';
  const iso = at.toISOString();
  const ymd = iso.slice(0, 10).replaceAll('-', '');
  const hm = iso.slice(11, 16).replace(':', '');
  const { JSEDINotation, X12Generator } = nodeX12();
  const jsen = new JSEDINotation([
    '00', pad('', 10), '00', pad('', 10),
    'ZZ', pad(parties.senderId, 15), 'ZZ', pad(parties.receiverId, 15),
    ymd.slice(2), hm, SEPARATORS.repetitionDelimiter, '00501', digits(controlNumber, 9), '0', parties.usage, SEPARATORS.subElementDelimiter,
  ]);
  const functionalId = opts.functionalId ?? FUNCTIONAL_IDS[opts.transactionSet];
  const gs = jsen.addFunctionalGroup([functionalId, parties.senderId, parties.receiverId, ymd, hm, String(group), 'X', version]);
  const tx = gs.addTransaction([opts.transactionSet, digits(st02, 4), version]);
  opts.fill({ addSegment: (tag, elements) => tx.addSegment(tag, trimElements(elements)) });
  return new X12Generator(jsen, { ...SEPARATORS }).toString();
}

/** X12 date (CCYYMMDD) and time (HHMM) of an instant, in UTC. */
export function x12DateTime(at: Date): { date: string; time: string } {
  const iso = at.toISOString();
  return { date: iso.slice(0, 10).replaceAll('-', ''), time: iso.slice(11, 16).replace(':', '') };
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
