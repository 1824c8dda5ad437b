import { describe, expect, it } from 'vitest';
import type { Db } from '../db/client.js';
import { createLoaders } from './loaders.js';

// Loaders touch the database only when they load; making them needs no connection.
const db = {} as Db;
const P = '00000000-0000-4000-8000-000000000001';

const names = (loaders: object) => {
  const out: string[] = [];
  for (const name in loaders) out.push(name);
  return out.sort();
};

describe('per-request loaders', () => {
  it('offers every loader, made on first use, the same one for the rest of the request', () => {
    const loaders = createLoaders(db, P) as unknown as Record<string, { load?: unknown }>;
    const all = names(loaders);
    expect(all.length).toBeGreaterThan(40);
    expect(all).toContain('patient');
    expect(Object.keys(loaders)).toEqual([]); // nothing made yet
    for (const name of all) {
      const loader = loaders[name]!;
      // a DataLoader, or a function handing out DataLoaders per argument (patientAppointments(from, limit))
      expect(typeof loader === 'function' || typeof loader.load === 'function', name).toBe(true);
      expect(loaders[name], name).toBe(loader);
    }
  });

  it('never shares a loader (or its cache) between requests', () => {
    const a = createLoaders(db, P) as unknown as Record<string, unknown>;
    const b = createLoaders(db, P) as unknown as Record<string, unknown>;
    for (const name of names(a)) expect(a[name], name).not.toBe(b[name]);
  });

  it('makes a module group together: its loaders come from one call of its factory', () => {
    const loaders = createLoaders(db, P) as unknown as Record<string, unknown>;
    void loaders.patient;
    expect(Object.keys(loaders)).toEqual(['patient']);
  });
});
