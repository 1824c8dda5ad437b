import { describe, expect, it } from 'vitest';
import { allows, isLive, nextStatus, SuperbillStatus as S } from './superbill-status.js';

describe('superbill status machine', () => {
  it('edits, finalizes and voids only a DRAFT', () => {
    expect(nextStatus(S.DRAFT, 'EDIT')).toBe(S.DRAFT);
    expect(nextStatus(S.DRAFT, 'FINALIZE')).toBe(S.FINALIZED);
    expect(nextStatus(S.DRAFT, 'VOID')).toBe(S.VOIDED);
    expect(nextStatus(S.DRAFT, 'CORRECT')).toBeNull();
    expect(nextStatus(S.DRAFT, 'SUPERSEDE')).toBeNull();
  });

  it('a FINALIZED superbill is never edited or re-finalized; it is voided, corrected or superseded', () => {
    expect(nextStatus(S.FINALIZED, 'EDIT')).toBeNull();
    expect(nextStatus(S.FINALIZED, 'FINALIZE')).toBeNull();
    expect(nextStatus(S.FINALIZED, 'VOID')).toBe(S.VOIDED);
    expect(nextStatus(S.FINALIZED, 'CORRECT')).toBe(S.FINALIZED);
    expect(nextStatus(S.FINALIZED, 'SUPERSEDE')).toBe(S.SUPERSEDED);
  });

  it('VOIDED and SUPERSEDED are final', () => {
    for (const s of [S.VOIDED, S.SUPERSEDED]) {
      for (const a of ['EDIT', 'FINALIZE', 'VOID', 'CORRECT', 'SUPERSEDE'] as const) expect(allows(s, a), `${s} ${a}`).toBe(false);
    }
  });

  it('only DRAFT and FINALIZED are live', () => {
    expect([S.DRAFT, S.FINALIZED, S.VOIDED, S.SUPERSEDED].filter(isLive)).toEqual([S.DRAFT, S.FINALIZED]);
  });
});
