import type { ClaimEdit } from './edit.js';

export const chargeEdit: ClaimEdit = {
  code: 'CHARGE_NOT_POSITIVE',
  severity: 'ERROR',
  description: 'A line\'s charge is zero or negative (payers reject lines without a charge).',
  run: ({ snapshot }) => snapshot.lines.flatMap((l, i) => (l.chargeCents > 0 ? [] : [{ path: `lines.${i}.chargeCents`, message: `Line ${l.position} has no positive charge` }])),
};
