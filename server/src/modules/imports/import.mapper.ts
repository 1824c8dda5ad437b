import type { ImportRow } from './import.repo.js';
import type { Import } from './import.type.js';

export const toImport = (r: ImportRow): Import => ({ id: r.id, target: r.target, status: r.status, fileSha256: r.fileSha256, fileName: r.fileName, rows: r.rows, problemCount: r.problemCount, createdBy: r.createdBy, createdAt: r.createdAt });

/** What the upload endpoint answers: the record and its problems. */
export const toImportResult = (r: ImportRow) => ({ ...toImport(r), problems: r.problems });
