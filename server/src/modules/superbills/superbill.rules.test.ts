import { describe, expect, it } from 'vitest';
import { checkShape, type LineDraft, normalizeDiagnosis, pointerLetter, pointerPosition, printDiagnosis, repeatedLines, unitFeeOf } from './superbill.rules.js';

const line = (over: Partial<LineDraft> = {}): LineDraft => ({ code: '99213', modifiers: [], units: 1, diagnosisPointers: ['A'], ...over });
const paths = (p: { path: string }[]) => p.map((x) => x.path);

describe('superbill shape rules', () => {
  it('accepts a well-formed superbill', () => {
    expect(checkShape('input', ['J069', 'E119'], [line(), line({ code: 'G0439', diagnosisPointers: ['B', 'A'] })], false)).toEqual([]);
  });

  it('refuses pointers at diagnoses that do not exist, repeated pointers and more than four', () => {
    expect(paths(checkShape('input', ['J069'], [line({ diagnosisPointers: ['B'] })], false))).toEqual(['input.lines.0.diagnosisPointers.0']);
    expect(paths(checkShape('input', ['J069'], [line({ diagnosisPointers: ['Z'] })], false))).toEqual(['input.lines.0.diagnosisPointers.0']);
    expect(paths(checkShape('input', ['J069', 'E119'], [line({ diagnosisPointers: ['A', 'A'] })], false))).toEqual(['input.lines.0.diagnosisPointers.1']);
    const five = ['A', 'B', 'C', 'D', 'E'];
    const dx = ['J069', 'E119', 'I10', 'Z0000', 'R05'];
    expect(paths(checkShape('input', dx, [line({ diagnosisPointers: five })], false))).toEqual(['input.lines.0.diagnosisPointers']);
    expect(paths(checkShape('input', ['J069'], [line({ diagnosisPointers: [] })], false))).toEqual(['input.lines.0.diagnosisPointers']);
  });

  it('refuses units below 1, negative charges, bad codes and modifiers, and too many of anything', () => {
    expect(paths(checkShape('input', ['J069'], [line({ units: 0 })], false))).toEqual(['input.lines.0.units']);
    expect(paths(checkShape('input', ['J069'], [line({ unitCharge: -1 })], false))).toEqual(['input.lines.0.unitCharge']);
    expect(paths(checkShape('input', ['J06-9'], [line({ code: '9921' })], false))).toEqual(['input.diagnoses.0', 'input.lines.0.code']);
    expect(paths(checkShape('input', ['J069'], [line({ modifiers: ['2', '25', '25', '59', 'GT'] })], false))).toEqual(['input.lines.0.modifiers', 'input.lines.0.modifiers.0', 'input.lines.0.modifiers']);
    expect(paths(checkShape('input', Array.from({ length: 13 }, (_, i) => `Z${String(i).padStart(2, '0')}`), [], false))).toEqual(['input.diagnoses']);
    expect(paths(checkShape('input', ['J069'], Array.from({ length: 51 }, () => line()), false))).toEqual(['input.lines']);
    expect(paths(checkShape('input', ['J069', 'J069'], [], false))).toEqual(['input.diagnoses.1']);
  });

  it('asks for modifier 95 on telehealth lines only when the payer wants it', () => {
    expect(paths(checkShape('input', ['J069'], [line()], true))).toEqual(['input.lines.0.modifiers']);
    expect(checkShape('input', ['J069'], [line({ modifiers: ['95'] })], true)).toEqual([]);
    expect(checkShape('input', ['J069'], [line()], false)).toEqual([]);
  });
});

describe('charges', () => {
  it('takes the fee schedule price, and an override needs a reason', () => {
    expect(unitFeeOf('l', line(), 12_500)).toEqual({ unitFee: 12_500 });
    expect(unitFeeOf('l', line({ unitCharge: 12_500 }), 12_500)).toEqual({ unitFee: 12_500 });
    expect(unitFeeOf('l', line({ unitCharge: 9_000 }), 12_500)).toEqual({ problem: { path: 'l.chargeOverrideReason', message: expect.any(String) } });
    expect(unitFeeOf('l', line({ unitCharge: 9_000, chargeOverrideReason: 'sliding scale' }), 12_500)).toEqual({ unitFee: 9_000 });
    expect(unitFeeOf('l', line(), null)).toEqual({ problem: { path: 'l.unitCharge', message: expect.any(String) } });
    expect(unitFeeOf('l', line({ unitCharge: 4_000 }), null)).toEqual({ unitFee: 4_000 });
  });
});

describe('codes and pointers', () => {
  it('normalises and prints ICD-10-CM codes and pointer letters', () => {
    expect(normalizeDiagnosis(' j06.9 ')).toBe('J069');
    expect(printDiagnosis('J069')).toBe('J06.9');
    expect(printDiagnosis('I10')).toBe('I10');
    expect([pointerPosition('a'), pointerPosition('L'), pointerPosition('M'), pointerPosition('AB')]).toEqual([1, 12, null, null]);
    expect(pointerLetter(3)).toBe('C');
  });

  it('finds repeated code + modifier lines', () => {
    expect(repeatedLines([{ code: '99213', modifiers: ['25'] }, { code: '99213', modifiers: [] }, { code: '99213', modifiers: ['25'] }])).toEqual([2]);
  });
});
