import { describe, expect, it } from 'vitest';
import { canMove, ClaimStatus as S, isAdjudicated, isEditable, movesFrom } from './claim-status.js';

const ALL = Object.values(S);

describe('claim status machine', () => {
  it('reaches READY only from DRAFT and SUBMITTED only from READY', () => {
    expect(ALL.filter((s) => canMove(s, S.READY))).toEqual([S.DRAFT]);
    expect(ALL.filter((s) => canMove(s, S.SUBMITTED))).toEqual([S.READY]);
  });

  it('answers a submission with ACCEPTED or REJECTED; the payer may still reject an accepted claim', () => {
    expect(movesFrom(S.SUBMITTED)).toEqual([S.ACCEPTED, S.REJECTED]);
    expect(canMove(S.ACCEPTED, S.REJECTED)).toBe(true);
    expect(canMove(S.SUBMITTED, S.PAID)).toBe(false);
  });

  it('a REJECTED claim goes back to DRAFT (a new revision) or is voided, never straight to READY or SUBMITTED', () => {
    expect(movesFrom(S.REJECTED)).toEqual([S.DRAFT, S.VOIDED]);
  });

  it('adjudication leads to CLOSED; an adjudicated claim is never voided or moved back', () => {
    for (const s of [S.PAID, S.PARTIALLY_PAID, S.DENIED]) {
      expect(canMove(s, S.CLOSED)).toBe(true);
      expect(canMove(s, S.VOIDED)).toBe(false);
      expect(canMove(s, S.DRAFT)).toBe(false);
    }
    expect(canMove(S.PARTIALLY_PAID, S.PAID)).toBe(true);
    // A payer's reversal and corrected adjudication (835 CLP02 22) re-decides between the outcomes.
    expect(movesFrom(S.PAID)).toEqual([S.PARTIALLY_PAID, S.DENIED, S.CLOSED]);
    expect(movesFrom(S.DENIED)).toEqual([S.PAID, S.PARTIALLY_PAID, S.CLOSED]);
  });

  it('CLOSED and VOIDED are final; no status moves to itself', () => {
    expect(movesFrom(S.CLOSED)).toEqual([]);
    expect(movesFrom(S.VOIDED)).toEqual([]);
    for (const s of ALL) expect(canMove(s, s), s).toBe(false);
  });

  it('edits DRAFT, READY and REJECTED claims only; corrections by new claim for adjudicated ones', () => {
    expect(ALL.filter(isEditable)).toEqual([S.DRAFT, S.READY, S.REJECTED]);
    expect(ALL.filter(isAdjudicated)).toEqual([S.ACCEPTED, S.PAID, S.PARTIALLY_PAID, S.DENIED]);
  });
});
