import type { ClaimEdit } from './edit.js';

export const procedureCodeEdit: ClaimEdit = {
  code: 'PROCEDURE_INVALID',
  severity: 'ERROR',
  description: 'A line\'s procedure is not a CPT/HCPCS code valid on the date of service.',
  run: ({ snapshot, codeProblems }) => {
    if (snapshot.lines.length === 0) return [{ path: 'lines', message: 'The claim has no service line' }];
    return codeProblems.filter((p) => p.list === 'procedures').map((p) => ({ path: p.path, message: p.message }));
  },
};
