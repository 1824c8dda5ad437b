import { describe, expect, it } from 'vitest';
import { copyValue, PATIENT_COPY_COLUMNS, patientCopyLine } from './copy-lines.js';
import { syntheticPatients } from './seed-demo.js';

describe('COPY text encoding', () => {
  it('escapes what COPY text format treats specially', () => {
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyValue({ note: 'x\ty' })).toBe('{"note":"x\\\\ty"}');
    expect(copyValue(42)).toBe('42');
  });

  it('writes one line per patient with a value for every column', () => {
    const [first] = syntheticPatients('00000000-0000-4000-8000-000000000001', 1);
    const line = patientCopyLine(first!);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1).split('\t')).toHaveLength(PATIENT_COPY_COLUMNS.length);
  });
});
