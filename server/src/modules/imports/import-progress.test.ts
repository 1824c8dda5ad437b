import { describe, expect, it } from 'vitest';
import { endProgress, percentDone, runningImport, startProgress } from './import-progress.js';

describe('import progress store', () => {
  it('keeps a running import per practice until it ends, with the percent of bytes read when the size is known', () => {
    const e = startProgress({ id: 'i1', practiceId: 'p1', target: 'PATIENTS', mode: 'ALL_OR_NOTHING', fileName: null, createdBy: 'u', totalBytes: 1000 });
    expect(runningImport('p2', 'i1')).toBeNull();
    e.bytes = 333;
    expect(percentDone(runningImport('p1', 'i1')!)).toBe(33);
    e.bytes = 1000;
    expect(percentDone(e)).toBe(99);
    expect(percentDone({ bytes: 10, totalBytes: null })).toBeNull();
    endProgress(e);
    expect(runningImport('p1', 'i1')).toBeNull();
  });
});
