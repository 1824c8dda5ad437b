import type { ClaimEdit } from './edit.js';

export const modifierEdit: ClaimEdit = {
  code: 'MODIFIER_INVALID',
  severity: 'ERROR',
  description: 'A line\'s modifier is not a modifier valid on the date of service.',
  run: ({ codeProblems }) => codeProblems.filter((p) => p.list === 'modifiers').map((p) => ({ path: p.path, message: p.message })),
};
