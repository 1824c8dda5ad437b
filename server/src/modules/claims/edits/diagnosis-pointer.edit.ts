import type { ClaimEdit, EditFinding } from './edit.js';

export const diagnosisPointerEdit: ClaimEdit = {
  code: 'DIAGNOSIS_POINTER_INVALID',
  severity: 'ERROR',
  description: 'A line has no diagnosis pointer, or a pointer names a diagnosis the claim does not have.',
  run: ({ snapshot }) => {
    const found: EditFinding[] = [];
    snapshot.lines.forEach((line, i) => {
      if (line.diagnosisPointers.length === 0) found.push({ path: `lines.${i}.diagnosisPointers`, message: `Line ${line.position} points at no diagnosis` });
      line.diagnosisPointers.forEach((p, j) => {
        if (p < 1 || p > snapshot.diagnoses.length) found.push({ path: `lines.${i}.diagnosisPointers.${j}`, message: `Line ${line.position} points at diagnosis ${p}, which the claim does not have` });
      });
    });
    return found;
  },
};
