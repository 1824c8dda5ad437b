/**
 * What a test file started and must stop when it ends (servers, their databases). test/setup/per-file.ts
 * runs these in an `afterAll` registered for every file: a helper module is imported once per worker
 * (files share modules), so a hook registered at its import would belong to the first file only.
 */
const cleanups: (() => Promise<void>)[] = [];

/** Registers `fn` to run when the current test file ends; the last registered runs first. */
export function onFileEnd(fn: () => Promise<void>): void {
  cleanups.unshift(fn);
}

/** Runs and forgets every registered cleanup, in order. */
export async function runFileCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) await cleanup();
}
