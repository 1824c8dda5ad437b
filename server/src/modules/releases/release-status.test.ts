import { describe, expect, it } from 'vitest';
import { canMoveRelease, ReleaseStatus as S } from './release-status.js';

describe('release request moves', () => {
  it('REQUESTED → APPROVED/DENIED, APPROVED → SENT; DENIED and SENT are final; nothing skips approval', () => {
    const all = Object.values(S);
    const allowed = all.flatMap((from) => all.filter((to) => canMoveRelease(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(['APPROVED→SENT', 'REQUESTED→APPROVED', 'REQUESTED→DENIED']);
  });
});
