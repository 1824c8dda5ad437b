import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on its first use instead of at start-up, synchronously, so callers stay as they
 * are. For packages few requests need (PDF rendering, X12, HL7/FHIR, Redis when configured): every process
 * otherwise pays their code and heap from start-up on (bench/results/2026-12-06-memory.md). The first call
 * pays the load (tens of milliseconds). Type it with `typeof import('<package>')`.
 * @param specifier - the package, resolved from the server package like a static import
 * @returns a function returning the package's exports (loaded once)
 */
export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(specifier) as T;
    return loaded;
  };
}
