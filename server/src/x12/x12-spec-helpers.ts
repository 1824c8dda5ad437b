import type { ElementRule, GrammarNode, LoopNode, SegmentNode } from './x12-conformance.js';

// Building blocks for transaction specs. `r` = required, `o` = optional (situational), `x` = not used
// (must stay empty); `c` = a composite of component rules.
export const r = (min: number, max: number, extra: Partial<ElementRule> = {}): ElementRule => ({ min, max, required: true, ...extra });
export const o = (min: number, max: number, extra: Partial<ElementRule> = {}): ElementRule => ({ min, max, ...extra });
export const x: ElementRule = { min: 0, max: 0 };
export const c = (required: boolean, components: readonly ElementRule[]): ElementRule => ({ min: 1, max: 999, required, components });

export const DATE = /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;
export const TIME = /^([01]\d|2[0-3])[0-5]\d(\d{2}(\d{1,2})?)?$/;
export const DATE_OR_RANGE = /^\d{8}(-\d{8})?$/;
export const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;
export const DIGITS = /^\d+$/;

/** A segment node of a loop grammar: `seg('NM1', 1, 1, ['85'])`, or qualified on another element with `at`. */
export const seg = (tag: string, min: number, max: number, is?: readonly string[], at?: number): SegmentNode => ({ seg: tag, min, max, ...(is ? { is } : {}), ...(at !== undefined ? { at } : {}) });
/** A loop node: the first child starts the loop. */
export const loop = (id: string, min: number, max: number, first: SegmentNode, ...rest: GrammarNode[]): LoopNode => ({ loop: id, min, max, children: [first, ...rest] });
/** An HL segment of a given level (HL03). */
export const hl = (level: string): SegmentNode => seg('HL', 1, 1, [level], 2);

export const MANY = 99_999;
