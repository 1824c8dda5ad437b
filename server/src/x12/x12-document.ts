import type { X12Interchange } from 'node-x12';
import { nodeX12 } from './x12-envelope.js';

/** One segment: its tag and its elements (index 0 is the first element after the tag, e.g. EB01). */
export interface X12Seg {
  tag: string;
  el: string[];
}

/** A parsed transaction set with the envelope data needed to check it. */
export interface X12Doc {
  isa: string[];
  gs: string[];
  st: string[];
  /** Segments between ST and SE, exclusive. */
  body: X12Seg[];
  se: string[];
  ge: string[];
  iea: string[];
  repetitionSeparator: string;
  componentSeparator: string;
  /** Envelope problems (counts and control numbers that do not match); empty when well-formed. */
  envelopeProblems: string[];
}

export class X12FormatError extends Error {}

/**
 * Parses one interchange holding one functional group with one transaction set (what 270/271 exchanges
 * carry) with node-x12, and checks the envelope: SE01 counts, ST02/SE02, GS06/GE02, ISA13/IEA02.
 * @throws X12FormatError when the text is not an X12 interchange
 */
export function parseX12(raw: string): X12Doc {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (!text.startsWith('ISA') || text.length < 106) throw new X12FormatError('not an X12 interchange (no ISA header)');
  let interchange: X12Interchange | undefined;
  try {
    interchange = new (nodeX12().X12Parser)(false).parse(text) as X12Interchange;
  } catch (err) {
    throw new X12FormatError(`unparseable X12: ${(err as Error).message.slice(0, 120)}`);
  }
  const group = interchange?.functionalGroups?.[0];
  const tx = group?.transactions?.[0];
  if (!group || !tx) throw new X12FormatError('interchange holds no transaction set');
  const values = (s: { elements: { value: string }[] } | undefined) => (s ? s.elements.map((e) => e.value) : []);
  // node-x12 normalises ISA13 to a number; read the raw header for the exact control number.
  const isa = text.slice(4, 105).split(text[3]!);
  const doc: X12Doc = {
    isa,
    gs: values(group.header),
    st: values(tx.header),
    body: tx.segments.map((s) => ({ tag: s.tag, el: values(s) })),
    se: values(tx.trailer),
    ge: values(group.trailer),
    iea: values(interchange.trailer),
    repetitionSeparator: isa[10] ?? '^',
    componentSeparator: isa[15]?.[0] ?? ':',
    envelopeProblems: [],
  };
  const p = doc.envelopeProblems;
  if (Number(doc.se[0]) !== doc.body.length + 2) p.push(`SE01 ${doc.se[0]} does not count the ${doc.body.length + 2} segments`);
  if (doc.se[1] !== doc.st[1]) p.push(`SE02 ${doc.se[1]} does not match ST02 ${doc.st[1]}`);
  if (Number(doc.ge[1]) !== Number(doc.gs[5])) p.push(`GE02 ${doc.ge[1]} does not match GS06 ${doc.gs[5]}`);
  if (Number(doc.ge[0]) !== group.transactions.length) p.push('GE01 does not count the transaction sets');
  if (Number(doc.iea[1]) !== Number(isa[12])) p.push(`IEA02 ${doc.iea[1]} does not match ISA13 ${isa[12]}`);
  if (Number(doc.iea[0]) !== interchange.functionalGroups.length) p.push('IEA01 does not count the functional groups');
  const sets = interchange.functionalGroups.reduce((n, g) => n + g.transactions.length, 0);
  if (sets > 1) p.push(`the interchange holds ${sets} transaction sets; only the first was read`);
  return doc;
}
