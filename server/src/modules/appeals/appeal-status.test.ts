import { describe, expect, it } from 'vitest';
import { AppealStatus, canMoveAppeal, isOpenAppeal } from './appeal-status.js';

const S = AppealStatus;
const ALL = Object.values(S);

describe('appeal status machine', () => {
  it('allows exactly DRAFT → SUBMITTED/WITHDRAWN and SUBMITTED → WON/LOST/WITHDRAWN', () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => canMoveAppeal(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(['DRAFT→SUBMITTED', 'DRAFT→WITHDRAWN', 'SUBMITTED→LOST', 'SUBMITTED→WITHDRAWN', 'SUBMITTED→WON']);
  });

  it('final statuses go nowhere; only DRAFT and SUBMITTED are open', () => {
    for (const s of [S.WON, S.LOST, S.WITHDRAWN]) expect(ALL.some((to) => canMoveAppeal(s, to))).toBe(false);
    expect(ALL.filter(isOpenAppeal)).toEqual([S.DRAFT, S.SUBMITTED]);
  });
});
