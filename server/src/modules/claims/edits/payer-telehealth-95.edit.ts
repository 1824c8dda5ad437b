import type { ClaimEdit } from './edit.js';

const TELEHEALTH_POS = new Set(['02', '10']);

/** Payer-specific: payers that set telehealthModifier95 want modifier 95 on every telehealth line. */
export const payerTelehealth95Edit: ClaimEdit = {
  code: 'TELEHEALTH_MODIFIER_MISSING',
  severity: 'ERROR',
  description: 'A telehealth line (place of service 02 or 10) lacks modifier 95 for a payer that requires it.',
  run: ({ snapshot, payer }) => {
    if (!payer.telehealthModifier95) return [];
    return snapshot.lines.flatMap((l, i) => {
      const pos = l.placeOfServiceCode ?? snapshot.placeOfServiceCode;
      return TELEHEALTH_POS.has(pos) && !l.modifiers.includes('95') ? [{ path: `lines.${i}.modifiers`, message: `Line ${l.position} is telehealth (POS ${pos}) and the payer requires modifier 95` }] : [];
    });
  },
};
