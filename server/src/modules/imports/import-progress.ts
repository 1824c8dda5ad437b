/**
 * Progress of the imports running in this process, kept in memory: on PGlite the import's transaction holds
 * the only connection, so a progress row written beside it would wait for the import to end. An entry lives
 * while its import runs; the finished import is read from the imports table instead. With several server
 * processes, progress is answered by the process that runs the import (polling through another process
 * sees the import only once it is recorded).
 */
export interface ImportProgressEntry {
  id: string;
  practiceId: string;
  target: string;
  mode: string;
  fileName: string | null;
  createdBy: string;
  startedAt: Date;
  /** Data rows read so far (the header excluded). */
  rows: number;
  /** Bytes of the file read so far. */
  bytes: number;
  /** The file's size when the upload announced it (Content-Length), else null. */
  totalBytes: number | null;
}

const running = new Map<string, ImportProgressEntry>();
const keyOf = (practiceId: string, id: string) => `${practiceId}:${id}`;

/** Registers a starting import; returns its entry, which the import updates in place. */
export function startProgress(entry: Omit<ImportProgressEntry, 'rows' | 'bytes' | 'startedAt'>): ImportProgressEntry {
  const e: ImportProgressEntry = { ...entry, rows: 0, bytes: 0, startedAt: new Date() };
  running.set(keyOf(entry.practiceId, entry.id), e);
  return e;
}

/** Forgets a finished import (its record holds the outcome). */
export function endProgress(e: ImportProgressEntry): void {
  running.delete(keyOf(e.practiceId, e.id));
}

/** A running import of the practice, or null. */
export function runningImport(practiceId: string, id: string): ImportProgressEntry | null {
  return running.get(keyOf(practiceId, id)) ?? null;
}

/** Whole percent of the bytes read when the size is known (at most 99 while running), else null. */
export function percentDone(e: Pick<ImportProgressEntry, 'bytes' | 'totalBytes'>): number | null {
  if (!e.totalBytes) return null;
  return Math.min(99, Math.floor((e.bytes * 100) / e.totalBytes));
}
