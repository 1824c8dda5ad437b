/**
 * A strict conformance check for the X12 the product writes, independent of the parser that reads
 * answers (which is lenient on purpose). It reads the raw text itself and reports every problem: the
 * ISA's fixed layout, segment syntax (no trailing separators, no empty segments), envelope order,
 * counts and control numbers, the implementation guide's required segments, element lengths and code
 * values per segment, and HL numbering and parent links. A transaction set's rules are a small spec
 * (x12-specs.ts), so a new one is one table.
 */

/** Minimum and maximum length of an element, whether it must be present, and its allowed codes. */
export interface ElementRule {
  min: number;
  max: number;
  required?: boolean;
  codes?: readonly string[];
  /** A value shape beyond length, e.g. digits only or a CCYYMMDD date. */
  pattern?: RegExp;
}

export interface TransactionSpec {
  /** ST01, e.g. 270. */
  id: string;
  /** ST03 and GS08, e.g. 005010X279A1. */
  version: string;
  /** GS01 functional identifier, e.g. HS. */
  functionalId: string;
  /** Segments (by tag) that must occur in the transaction set at least once. */
  required: readonly string[];
  /** Element rules by tag; index 0 is the segment's first element. A tag without rules is refused. */
  segments: Readonly<Record<string, readonly ElementRule[]>>;
  /** Allowed HL03 level codes, and which parent level each needs (null: none). */
  hlLevels: Readonly<Record<string, string | null>>;
  /**
   * Rules a per-tag table cannot state (loop order, qualifiers allowed per loop, composites, elements
   * that go together), run on the segments between ST and SE.
   */
  structure?: (body: readonly X12SpecSegment[], separators: { component: string; repetition: string }) => X12Problem[];
}

/** A segment as a spec's structure rule sees it: 1-based position in the interchange, tag, elements. */
export interface X12SpecSegment {
  position: number;
  tag: string;
  el: string[];
}

export interface X12Problem {
  /** 1-based position of the segment in the interchange (0 for the interchange as a whole). */
  position: number;
  tag: string;
  /** 1-based element number (e.g. 3 for NM103), when the problem is in one element. */
  element?: number;
  message: string;
}

const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];
const TAG = /^[A-Z][A-Z0-9]{1,2}$/;
// The X12 basic and extended character sets (printable ASCII plus lower case and a few symbols).
const CHARSET = /^[\x20-\x7E]*$/;

interface Seg {
  position: number;
  tag: string;
  el: string[];
  raw: string;
}

function split(raw: string): { segs: Seg[]; problems: X12Problem[]; element: string; component: string; repetition: string } {
  const problems: X12Problem[] = [];
  const text = raw.replace(/^\uFEFF/, '');
  if (!text.startsWith('ISA') || text.length < 106) return { segs: [], problems: [{ position: 0, tag: 'ISA', message: 'no ISA header of 106 characters' }], element: '*', component: ':', repetition: '^' };
  const element = text[3]!;
  const terminator = text[105]!;
  const isaEls = text.slice(4, 105).split(element);
  if (isaEls.length !== 16) problems.push({ position: 1, tag: 'ISA', message: `ISA has ${isaEls.length} elements, not 16` });
  isaEls.forEach((v, i) => {
    if (ISA_WIDTHS[i] !== undefined && v.length !== ISA_WIDTHS[i]) problems.push({ position: 1, tag: 'ISA', element: i + 1, message: `ISA${String(i + 1).padStart(2, '0')} must be exactly ${ISA_WIDTHS[i]} characters` });
  });
  const component = isaEls[15] ?? ':';
  const repetition = isaEls[10] ?? '^';
  const parts = text.split(terminator).map((s) => s.replace(/^\r?\n/, ''));
  if (parts[parts.length - 1]?.trim() === '') parts.pop();
  else problems.push({ position: parts.length, tag: '', message: 'the interchange does not end with a segment terminator' });
  const segs = parts.map((rawSeg, i) => {
    const [tag = '', ...el] = rawSeg.split(element);
    return { position: i + 1, tag, el, raw: rawSeg };
  });
  return { segs, problems, element, component, repetition };
}

function checkSyntax(s: Seg, sep: { element: string; component: string }): X12Problem[] {
  const out: X12Problem[] = [];
  const at = (message: string, element?: number) => out.push({ position: s.position, tag: s.tag, element, message });
  if (!TAG.test(s.tag)) at(`"${s.tag.slice(0, 3)}" is not a segment tag`);
  if (s.el.length === 0) at('segment has no elements');
  if (s.tag !== 'ISA' && s.raw.endsWith(sep.element)) at('segment ends with an element separator (trailing empty element)');
  if (!CHARSET.test(s.raw)) at('segment holds characters outside the X12 character sets');
  s.el.forEach((v, i) => {
    if (s.tag !== 'ISA' && v.endsWith(sep.component) && v.length > 1) at('element ends with a component separator (trailing empty component)', i + 1);
  });
  return out;
}

function checkElements(s: Seg, rules: readonly ElementRule[], repetition: string): X12Problem[] {
  const out: X12Problem[] = [];
  if (s.el.length > rules.length) out.push({ position: s.position, tag: s.tag, element: rules.length + 1, message: `${s.tag} has ${s.el.length} elements; the guide defines ${rules.length}` });
  rules.forEach((r, i) => {
    const v = s.el[i] ?? '';
    const name = `${s.tag}${String(i + 1).padStart(2, '0')}`;
    const at = (message: string) => out.push({ position: s.position, tag: s.tag, element: i + 1, message: `${name} ${message}` });
    if (v === '') {
      if (r.required) at('is required');
      return;
    }
    for (const part of r.codes && v.includes(repetition) ? v.split(repetition) : [v]) {
      if (part.length < r.min || part.length > r.max) at(`must be ${r.min}–${r.max} characters, has ${part.length}`);
      if (r.codes && !r.codes.includes(part)) at(`"${part}" is not an allowed code`);
      if (r.pattern && !r.pattern.test(part)) at(`"${part}" has the wrong form`);
    }
  });
  return out;
}

function checkEnvelope(segs: Seg[], spec: TransactionSpec, isa13: string): X12Problem[] {
  const out: X12Problem[] = [];
  const p = (s: Seg | undefined, message: string, element?: number) => out.push({ position: s?.position ?? 0, tag: s?.tag ?? '', element, message });
  const tags = segs.map((s) => s.tag);
  const [gs, st, se, ge, iea] = ['GS', 'ST', 'SE', 'GE', 'IEA'].map((t) => segs.find((s) => s.tag === t));
  if (tags[1] !== 'GS' || !gs) p(segs[1], 'GS must follow ISA');
  if (tags[2] !== 'ST' || !st) p(segs[2], 'ST must follow GS');
  if (tags.at(-1) !== 'IEA' || tags.at(-2) !== 'GE' || tags.at(-3) !== 'SE') p(segs.at(-1), 'the interchange must end with SE, GE, IEA');
  if (!gs || !st || !se || !ge || !iea) return out;
  const stCount = tags.filter((t) => t === 'ST').length;
  const inSet = segs.indexOf(se) - segs.indexOf(st) + 1;
  if (gs.el[0] !== spec.functionalId) p(gs, `GS01 must be ${spec.functionalId}`, 1);
  if (gs.el[7] !== spec.version) p(gs, `GS08 must be ${spec.version}`, 8);
  if (st.el[0] !== spec.id) p(st, `ST01 must be ${spec.id}`, 1);
  if (st.el[2] !== spec.version) p(st, `ST03 must be ${spec.version}`, 3);
  if (!/^\d{4,9}$/.test(st.el[1] ?? '')) p(st, 'ST02 must be 4–9 digits', 2);
  if (se.el[0] !== String(inSet)) p(se, `SE01 ${se.el[0]} does not count the ${inSet} segments from ST to SE`, 1);
  if (se.el[1] !== st.el[1]) p(se, 'SE02 does not match ST02', 2);
  if (ge.el[0] !== String(stCount)) p(ge, 'GE01 does not count the transaction sets', 1);
  if (ge.el[1] !== gs.el[5]) p(ge, 'GE02 does not match GS06', 2);
  if (iea.el[0] !== String(tags.filter((t) => t === 'GS').length)) p(iea, 'IEA01 does not count the functional groups', 1);
  if (iea.el[1] !== isa13) p(iea, 'IEA02 does not match ISA13', 2);
  return out;
}

function checkHl(body: Seg[], spec: TransactionSpec): X12Problem[] {
  const out: X12Problem[] = [];
  const hls = body.filter((s) => s.tag === 'HL');
  const levelOf = new Map<string, string>();
  hls.forEach((h, i) => {
    const [id, parent, level, child] = h.el;
    const at = (message: string, element: number) => out.push({ position: h.position, tag: 'HL', element, message });
    if (id !== String(i + 1)) at(`HL01 must be ${i + 1} (numbered from 1 in order)`, 1);
    if (!level || !(level in spec.hlLevels)) at(`HL03 "${level}" is not a level of this transaction set`, 3);
    const wantParent = level ? spec.hlLevels[level] : undefined;
    if (wantParent === null && parent) at('HL02 must be empty at this level', 2);
    if (wantParent && (!parent || levelOf.get(parent) !== wantParent)) at(`HL02 must name an earlier HL of level ${wantParent}`, 2);
    const hasChild = hls.some((x) => x.el[1] === id);
    if (child !== undefined && child !== '' && child !== (hasChild ? '1' : '0')) at(`HL04 must be ${hasChild ? '1' : '0'}`, 4);
    if (id) levelOf.set(id, level ?? '');
  });
  return out;
}

/**
 * Checks one interchange holding one transaction set against a spec.
 * @returns every problem found, empty when the file conforms
 */
export function checkX12(raw: string, spec: TransactionSpec): X12Problem[] {
  const { segs, problems, element, component, repetition } = split(raw);
  if (segs.length === 0) return problems;
  for (const s of segs) problems.push(...checkSyntax(s, { element, component }));
  problems.push(...checkEnvelope(segs, spec, segs[0]!.el[12] ?? ''));
  const st = segs.findIndex((s) => s.tag === 'ST');
  const se = segs.findIndex((s) => s.tag === 'SE');
  const body = st >= 0 && se > st ? segs.slice(st + 1, se) : [];
  for (const tag of spec.required) if (!body.some((s) => s.tag === tag)) problems.push({ position: 0, tag, message: `required segment ${tag} is missing` });
  for (const s of body) {
    const rules = spec.segments[s.tag];
    if (!rules) problems.push({ position: s.position, tag: s.tag, message: `${s.tag} is not a segment of ${spec.id}` });
    else problems.push(...checkElements(s, rules, repetition));
  }
  problems.push(...checkHl(body, spec));
  if (spec.structure) problems.push(...spec.structure(body, { component, repetition }));
  return problems;
}
