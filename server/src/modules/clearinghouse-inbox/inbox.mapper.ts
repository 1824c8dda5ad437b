import type { ClearinghouseFileRow } from './inbox.repo.js';
import type { ClearinghouseFile } from './inbox.type.js';

export const toClearinghouseFile = (r: ClearinghouseFileRow): ClearinghouseFile => ({
  id: r.id, kind: r.kind, status: r.status, remoteName: r.remoteName, sha256: r.sha256, interchangeControlNumber: r.interchangeControlNumber, groupControlNumber: r.groupControlNumber,
  receivedAt: r.receivedAt, processedAt: r.processedAt, problem: r.problem, acknowledgmentId: r.result?.acknowledgmentId ?? null, remittanceId: r.result?.remittanceId ?? null, batchIds: r.result?.batchIds ?? [],
});
