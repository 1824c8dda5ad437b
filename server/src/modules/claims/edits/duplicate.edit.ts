import type { ClaimEdit } from './edit.js';

export const duplicateEdit: ClaimEdit = {
  code: 'DUPLICATE_CLAIM',
  severity: 'WARNING',
  description: 'Another live claim bills the same code for the same patient, rendering provider and date of service.',
  run: ({ snapshot, sameDayClaims }) =>
    snapshot.lines.flatMap((l, i) => {
      const other = sameDayClaims.find((c) => c.codes.includes(l.code));
      return other ? [{ path: `lines.${i}.code`, message: `Claim ${other.id} already bills ${l.code} for this patient, provider and date` }] : [];
    }),
};
