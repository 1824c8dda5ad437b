/**
 * A strict conformance check for the X12 the product writes, independent of the parser that reads
 * answers (which is lenient on purpose). It reads the raw text itself and reports every problem: the
 * ISA's fixed layout, segment syntax (no trailing separators, no empty segments), envelope order,
 * counts and control numbers, the implementation guide's required segments, element lengths and code
 * values per segment (composites component by component), HL numbering and parent links, the loop
 * grammar (segment order, loops, repeat counts, required loops) and cross-segment rules the guide states.
 * A transaction set's rules are a small spec (x12-specs.ts and x12-spec-*.ts), so a new one is one table.
 * Each problem has a kind, the loop it sits in and, for element problems, the element and component, so
 * a 999 can be written from it (the simulator does).
 */

/** Minimum and maximum length of an element, whether it must be present, and its allowed codes. */
export interface ElementRule {
  min: number;
  max: number;
  required?: boolean;
  codes?: readonly string[];
  /** A value shape beyond length, e.g. digits only or a CCYYMMDD date. */
  pattern?: RegExp;
  /** A composite: the rules of its components (index 0 is the first); min/max/codes then apply to none. */
  components?: readonly ElementRule[];
}

/** A segment of a loop grammar, identified by its tag and optionally a qualifier value (e.g. NM1*85). */
export interface SegmentNode {
  seg: string;
  /** 0-based element holding the qualifier (default 0: the first element). */
  at?: number;
  /** Qualifier values that identify this segment here. */
  is?: readonly string[];
  min: number;
  max: number;
}

/** A loop: its first child is the segment that starts it. */
export interface LoopNode {
  loop: string;
  min: number;
  max: number;
  children: readonly [SegmentNode, ...GrammarNode[]];
}

export type GrammarNode = SegmentNode | LoopNode;

/** A body segment with the loop the grammar placed it in. */
export interface PlacedSegment {
  position: number;
  tag: string;
  el: string[];
  /** Loop id (e.g. 2010AA); "" when the spec has no grammar or the segment could not be placed. */
  loop: string;
  /** The component separator of the interchange. */
  component: string;
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
  /** The body's loop grammar (segment order, loops, repeats), when the spec checks it. */
  loops?: readonly GrammarNode[];
  /** Rules across segments the guide states (e.g. a total equals the sum of its lines). */
  rules?: (body: readonly PlacedSegment[]) => X12Problem[];
}

export interface X12Problem {
  /** 1-based position of the segment in the interchange (0 for the interchange as a whole). */
  position: number;
  tag: string;
  /** 1-based element number (e.g. 3 for NM103), when the problem is in one element. */
  element?: number;
  /** 1-based component number, for a problem inside a composite. */
  component?: number;
  /** Loop id where the problem sits, when the spec has a grammar. */
  loop?: string;
  /** What kind of problem (drives the 999 error codes the simulator answers with). */
  kind?: X12ProblemKind;
  message: string;
}

export type X12ProblemKind =
  | 'syntax' | 'envelope' | 'segment-count' | 'unknown-segment' | 'unexpected-segment' | 'missing-segment' | 'segment-repeats'
  | 'loop-repeats' | 'missing-element' | 'too-many-elements' | 'too-short' | 'too-long' | 'bad-code' | 'bad-form' | 'hl' | 'rule';

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
  const at = (message: string, element?: number) => out.push({ position: s.position, tag: s.tag, element, kind: 'syntax', message });
  if (!TAG.test(s.tag)) at(`"${s.tag.slice(0, 3)}" is not a segment tag`);
  if (s.el.length === 0) at('segment has no elements');
  if (s.tag !== 'ISA' && s.raw.endsWith(sep.element)) at('segment ends with an element separator (trailing empty element)');
  if (!CHARSET.test(s.raw)) at('segment holds characters outside the X12 character sets');
  s.el.forEach((v, i) => {
    if (s.tag !== 'ISA' && v.endsWith(sep.component) && v.length > 1) at('element ends with a component separator (trailing empty component)', i + 1);
  });
  return out;
}

function checkValue(v: string, r: ElementRule, name: string, at: (message: string, kind: X12ProblemKind) => void): void {
  if (v.length < r.min) at(`${name} must be ${r.min}–${r.max} characters, has ${v.length}`, 'too-short');
  if (v.length > r.max) at(`${name} must be ${r.min}–${r.max} characters, has ${v.length}`, 'too-long');
  if (r.codes && !r.codes.includes(v)) at(`${name} "${v}" is not an allowed code`, 'bad-code');
  // The value is not repeated: a malformed date or name may be PHI, and problems end up in logs.
  if (r.pattern && !r.pattern.test(v)) at(`${name} has the wrong form`, 'bad-form');
}

function checkElements(s: Seg, rules: readonly ElementRule[], sep: { repetition: string; component: string }): X12Problem[] {
  const out: X12Problem[] = [];
  if (s.el.length > rules.length) out.push({ position: s.position, tag: s.tag, element: rules.length + 1, kind: 'too-many-elements', message: `${s.tag} has ${s.el.length} elements; the guide defines ${rules.length}` });
  rules.forEach((r, i) => {
    const v = s.el[i] ?? '';
    const name = `${s.tag}${String(i + 1).padStart(2, '0')}`;
    const at = (message: string, kind: X12ProblemKind, component?: number) => out.push({ position: s.position, tag: s.tag, element: i + 1, component, kind, message });
    if (v === '') {
      if (r.required) at(`${name} is required`, 'missing-element');
      return;
    }
    if (r.components) {
      const parts = v.split(sep.component);
      if (parts.length > r.components.length) at(`${name} has ${parts.length} components; the guide defines ${r.components.length}`, 'too-many-elements');
      r.components.forEach((c, j) => {
        const cv = parts[j] ?? '';
        const cname = `${name}-${j + 1}`;
        if (cv === '') {
          if (c.required) at(`${cname} is required`, 'missing-element', j + 1);
          return;
        }
        checkValue(cv, c, cname, (m, k) => at(m, k, j + 1));
      });
      return;
    }
    for (const part of r.codes && v.includes(sep.repetition) ? v.split(sep.repetition) : [v]) checkValue(part, r, name, (m, k) => at(m, k));
  });
  return out;
}

function checkEnvelope(segs: Seg[], spec: TransactionSpec, isa13: string): X12Problem[] {
  const out: X12Problem[] = [];
  const p = (s: Seg | undefined, message: string, element?: number, kind: X12ProblemKind = 'envelope') => out.push({ position: s?.position ?? 0, tag: s?.tag ?? '', element, kind, message });
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
  if (se.el[0] !== String(inSet)) p(se, `SE01 ${se.el[0]} does not count the ${inSet} segments from ST to SE`, 1, 'segment-count');
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
  const parents = new Set(hls.map((x) => x.el[1]).filter(Boolean));
  hls.forEach((h, i) => {
    const [id, parent, level, child] = h.el;
    const at = (message: string, element: number) => out.push({ position: h.position, tag: 'HL', element, kind: 'hl', message });
    if (id !== String(i + 1)) at(`HL01 must be ${i + 1} (numbered from 1 in order)`, 1);
    if (!level || !(level in spec.hlLevels)) at(`HL03 "${level}" is not a level of this transaction set`, 3);
    const wantParent = level ? spec.hlLevels[level] : undefined;
    if (wantParent === null && parent) at('HL02 must be empty at this level', 2);
    if (wantParent && (!parent || levelOf.get(parent) !== wantParent)) at(`HL02 must name an earlier HL of level ${wantParent}`, 2);
    const hasChild = id !== undefined && parents.has(id);
    if (child !== undefined && child !== '' && child !== (hasChild ? '1' : '0')) at(`HL04 must be ${hasChild ? '1' : '0'}`, 4);
    if (id) levelOf.set(id, level ?? '');
  });
  return out;
}

const matches = (n: SegmentNode, s: Seg) => s.tag === n.seg && (!n.is || n.is.includes(s.el[n.at ?? 0] ?? ''));
const label = (n: SegmentNode) => (n.is ? `${n.seg}*${n.is.join('/')}` : n.seg);

/**
 * Walks the body through the loop grammar: every segment must come in its loop, in order, within its
 * repeat counts. Records the loop of each placed segment. Stops at the first segment that has no place.
 */
function checkGrammar(body: Seg[], nodes: readonly GrammarNode[], loopOf: string[]): X12Problem[] {
  const out: X12Problem[] = [];
  const here = (i: number) => body[i] ?? body[body.length - 1];
  const walk = (list: readonly GrammarNode[], i: number, loop: string): number => {
    for (const n of list) {
      let count = 0;
      if ('seg' in n) {
        while (i < body.length && matches(n, body[i]!)) {
          loopOf[i] = loop;
          count++;
          i++;
        }
        if (count > n.max) out.push({ position: body[i - 1]!.position, tag: n.seg, loop, kind: 'segment-repeats', message: `${label(n)} occurs ${count} times in loop ${loop}; at most ${n.max}` });
        if (count < n.min) out.push({ position: here(i)?.position ?? 0, tag: n.seg, loop, kind: 'missing-segment', message: `required segment ${label(n)} is missing in loop ${loop}` });
      } else {
        // The first child starts one repeat of the loop: it takes exactly one segment.
        while (i < body.length && matches(n.children[0], body[i]!)) {
          count++;
          loopOf[i] = n.loop;
          i = walk(n.children.slice(1), i + 1, n.loop);
        }
        if (count > n.max) out.push({ position: here(i - 1)?.position ?? 0, tag: n.children[0].seg, loop: n.loop, kind: 'loop-repeats', message: `loop ${n.loop} occurs ${count} times in loop ${loop}; at most ${n.max}` });
        if (count < n.min) out.push({ position: here(i)?.position ?? 0, tag: n.children[0].seg, loop: n.loop, kind: 'missing-segment', message: `required loop ${n.loop} (${label(n.children[0])}) is missing in loop ${loop}` });
      }
    }
    return i;
  };
  const end = walk(nodes, 0, 'header');
  const stray = body[end];
  if (stray) out.push({ position: stray.position, tag: stray.tag, kind: 'unexpected-segment', message: `${stray.tag}${stray.el[0] ? `*${stray.el[0]}` : ''} is not expected here (out of order or outside its loop)` });
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
  for (const tag of spec.required) if (!body.some((s) => s.tag === tag)) problems.push({ position: 0, tag, kind: 'missing-segment', message: `required segment ${tag} is missing` });
  for (const s of body) {
    const rules = spec.segments[s.tag];
    if (!rules) problems.push({ position: s.position, tag: s.tag, kind: 'unknown-segment', message: `${s.tag} is not a segment of ${spec.id}` });
    else problems.push(...checkElements(s, rules, { repetition, component }));
  }
  problems.push(...checkHl(body, spec));
  const loopOf: string[] = body.map(() => '');
  if (spec.loops) {
    problems.push(...checkGrammar(body, spec.loops, loopOf));
    const loopAt = new Map(body.map((s, i) => [s.position, loopOf[i]!]));
    for (const p of problems) if (!p.loop && loopAt.get(p.position)) p.loop = loopAt.get(p.position);
  }
  // Cross-segment rules read loops: they only run when the grammar could place every segment, so a
  // structural error does not cascade into rule problems.
  const placed = !problems.some((p) => p.kind === 'unexpected-segment');
  if (spec.rules && placed) problems.push(...spec.rules(body.map((s, i) => ({ position: s.position, tag: s.tag, el: s.el, loop: loopOf[i]!, component }))));
  return problems;
}
