import type { ImportMappingRow } from './import-mapping.repo.js';
import { type ImportProgressEntry, percentDone } from './import-progress.js';
import type { ImportRow } from './import.repo.js';
import type { Import, ImportMapping } from './import.type.js';

export const toImport = (r: ImportRow): Import => ({
  id: r.id,
  target: r.target,
  status: r.status,
  mode: r.mode,
  fileSha256: r.fileSha256,
  fileName: r.fileName,
  rows: r.rows,
  problemCount: r.problemCount,
  rejectedRows: r.rejectedRows,
  progress: { rowsRead: r.rows, bytesRead: null, totalBytes: null, percent: 100, finished: true },
  createdBy: r.createdBy,
  createdAt: r.createdAt,
});

/** A running import from the progress store (not recorded yet). */
export const toRunningImport = (e: ImportProgressEntry): Import => ({
  id: e.id,
  target: e.target,
  status: 'RUNNING',
  mode: e.mode,
  fileSha256: '',
  fileName: e.fileName,
  rows: e.rows,
  problemCount: 0,
  rejectedRows: 0,
  progress: { rowsRead: e.rows, bytesRead: e.bytes, totalBytes: e.totalBytes, percent: percentDone(e), finished: false },
  createdBy: e.createdBy,
  createdAt: e.startedAt,
});

/** What the upload endpoint answers: the record and its problems. */
export const toImportResult = (r: ImportRow) => {
  const { progress: _, ...rest } = toImport(r);
  return { ...rest, problems: r.problems };
};

export const toImportMapping = (r: ImportMappingRow): ImportMapping => ({ id: r.id, target: r.target, columns: r.columns, createdBy: r.createdBy, updatedAt: r.updatedAt, version: r.version });
