import type { ImportMappingColumnJson } from '../../db/schema/imports.js';
import { type ImportProblem, type ImportTarget, normalizeHeader } from './import-target.js';

/** A saved mapping applies to a file whose header cells are the mapping's, in any order (compared normalized). */
export function mappingMatches(saved: readonly ImportMappingColumnJson[], fields: readonly string[]): boolean {
  const a = saved.map((c) => normalizeHeader(c.header)).sort();
  const b = fields.map(normalizeHeader).sort();
  return a.length === b.length && a.every((h, i) => h === b[i]);
}

/**
 * Maps header cells to the target's columns: through the saved mapping when it matches the header, else by
 * name. Reports unknown (unmapped) columns, columns mapped twice and missing required columns (line 1).
 * @returns per file column, the target column it fills (null: ignored)
 */
export function mapHeader<T>(target: ImportTarget<T>, fields: string[], saved: readonly ImportMappingColumnJson[] | null, report: (p: ImportProblem[]) => void): (string | null)[] {
  const byKey = new Map(target.columns.map((c) => [normalizeHeader(c.name), c.name]));
  const mapped = saved && mappingMatches(saved, fields) ? new Map(saved.map((c) => [normalizeHeader(c.header), c.column])) : null;
  const used = new Set<string>();
  const columns = fields.map((f) => {
    if (mapped) {
      const name = mapped.get(normalizeHeader(f)) ?? null;
      if (name && used.has(name)) report([{ line: 1, column: name, message: 'appears twice in the header' }]);
      if (name) used.add(name);
      return name;
    }
    const name = byKey.get(normalizeHeader(f)) ?? null;
    if (!name) report([{ line: 1, column: f.trim(), message: `is not a column of this import (columns: ${target.columns.map((c) => c.name).join(', ')})` }]);
    else if (used.has(name)) report([{ line: 1, column: name, message: 'appears twice in the header' }]);
    if (name) used.add(name);
    return name;
  });
  for (const c of target.columns) if (c.required && !used.has(c.name)) report([{ line: 1, column: c.name, message: 'is a required column and is missing' }]);
  return columns;
}

/**
 * Problems of a mapping to save: each header once, target columns only, none twice, every required one.
 * @returns problems by input path
 */
export function mappingProblems<T>(target: ImportTarget<T>, columns: readonly ImportMappingColumnJson[]): { path: string; message: string }[] {
  const names = new Set(target.columns.map((c) => c.name));
  const out: { path: string; message: string }[] = [];
  const headers = new Set<string>();
  const used = new Set<string>();
  columns.forEach((c, i) => {
    const h = normalizeHeader(c.header);
    if (h === '') out.push({ path: `input.columns.${i}.header`, message: 'must not be empty' });
    else if (headers.has(h)) out.push({ path: `input.columns.${i}.header`, message: 'repeats another header of the mapping' });
    headers.add(h);
    if (c.column === null) return;
    if (!names.has(c.column)) out.push({ path: `input.columns.${i}.column`, message: `must be one of ${[...names].join(', ')} (or null to ignore the column)` });
    else if (used.has(c.column)) out.push({ path: `input.columns.${i}.column`, message: 'is mapped from another header too' });
    used.add(c.column);
  });
  for (const c of target.columns) if (c.required && !used.has(c.name)) out.push({ path: 'input.columns', message: `must map the required column ${c.name}` });
  return out;
}
