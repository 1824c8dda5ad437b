import type { ClaimEdit } from './edit.js';

export const diagnosisCodeEdit: ClaimEdit = {
  code: 'DIAGNOSIS_INVALID',
  severity: 'ERROR',
  description: 'A diagnosis is missing, not an ICD-10-CM code, not billable (a category) or not valid on the date of service.',
  run: ({ snapshot, codeProblems }) => {
    if (snapshot.diagnoses.length === 0) return [{ path: 'diagnoses', message: 'The claim has no diagnosis' }];
    return codeProblems.filter((p) => p.list === 'diagnoses').map((p) => ({ path: p.path, message: p.message }));
  },
};
