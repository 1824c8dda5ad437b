import { todayIn } from '../../lib/dates.js';
import { checkCodes } from '../codes/code.service.js';
import { dollarsToCents } from '../fees/fee-csv.js';
import { type ImportProblem, type ImportTarget, parseCount, parseYesNo } from '../imports/import-target.js';
import { findItemsBySkus, insertItems, listSuppliers } from './supply-catalog.repo.js';
import { SupplyCategory } from './supply.type.js';

export interface SupplyItemRowValue {
  sku: string;
  name: string;
  category: SupplyCategory;
  unit: string;
  packUnit: string;
  packSize: number;
  costCents: number;
  hcpcsCode: string | null;
  lotTracked: boolean;
  supplierName: string | null;
  /** Resolved by `check`. */
  supplierId?: string | null;
}

const SKU = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
const CATEGORIES = Object.values(SupplyCategory) as string[];

/**
 * Supply items from CSV: sku, name, category, unit, pack_unit, pack_size, cost (dollars per pack),
 * hcpcs_code, lot_tracked (yes/no), supplier (a supplier's name). A SKU already in the practice or twice in
 * the file, an unknown supplier, or a HCPCS code not in the code set in force are problems.
 */
export const supplyItemsImport = (): ImportTarget<SupplyItemRowValue> => ({
  name: 'SUPPLY_ITEMS',
  columns: [
    { name: 'sku', required: true },
    { name: 'name', required: true },
    { name: 'category', required: true },
    { name: 'unit', required: true },
    { name: 'pack_unit', required: true },
    { name: 'pack_size', required: true },
    { name: 'cost', required: true },
    { name: 'hcpcs_code', required: false },
    { name: 'lot_tracked', required: false },
    { name: 'supplier', required: false },
  ],
  keyColumn: 'sku',
  parse(c, line) {
    const problems: ImportProblem[] = [];
    const bad = (column: string, message: string) => problems.push({ line, column, message });
    const text = (column: string, max: number) => {
      const v = (c[column] ?? '').trim();
      if (!v) bad(column, 'is required');
      else if (v.length > max) bad(column, `is longer than ${max} characters`);
      return v;
    };
    const sku = (c.sku ?? '').trim();
    if (!SKU.test(sku)) bad('sku', 'must be 1-40 letters, digits or . _ / -');
    const name = text('name', 120);
    const category = (c.category ?? '').trim().toUpperCase().replace(/[\s-]+/g, '_');
    if (!CATEGORIES.includes(category)) bad('category', `must be one of ${CATEGORIES.join(', ')}`);
    const unit = text('unit', 30);
    const packUnit = text('pack_unit', 30);
    const packSize = parseCount(c.pack_size ?? '', 100_000);
    if (packSize === null || packSize < 1) bad('pack_size', 'must be a whole number from 1 to 100000');
    const costCents = dollarsToCents(c.cost ?? '');
    if (costCents === null || costCents > 100_000_000) bad('cost', 'must be an amount in dollars like 8.99');
    const hcpcs = (c.hcpcs_code ?? '').trim().toUpperCase();
    if (hcpcs && !/^[A-V][0-9]{4}$/.test(hcpcs)) bad('hcpcs_code', 'must be a HCPCS Level II code (letter A-V + 4 digits)');
    const lotTracked = parseYesNo(c.lot_tracked ?? '');
    if (lotTracked === null) bad('lot_tracked', 'must be yes or no');
    if (problems.length) return { value: null, problems };
    const supplierName = (c.supplier ?? '').trim() || null;
    return { value: { sku, name, category: category as SupplyCategory, unit, packUnit, packSize: packSize!, costCents: costCents!, hcpcsCode: hcpcs || null, lotTracked: lotTracked!, supplierName }, problems };
  },
  key: (v) => v.sku,
  async check(db, practiceId, batch) {
    const problems: ImportProblem[] = [];
    const [existing, suppliers] = await Promise.all([findItemsBySkus(db, practiceId, batch.map((r) => r.value.sku)), batch.some((r) => r.value.supplierName) ? listSuppliers(db, practiceId) : Promise.resolve([])]);
    const taken = new Set(existing.map((i) => i.sku));
    const withCodes = batch.filter((r) => r.value.hcpcsCode);
    const codeProblems = withCodes.length ? await checkCodes(db, practiceId, { dateOfService: todayIn('UTC'), procedures: withCodes.map((r) => r.value.hcpcsCode!) }) : [];
    for (const p of codeProblems) problems.push({ line: withCodes[p.index]!.line, column: 'hcpcs_code', message: p.message });
    for (const r of batch) {
      if (taken.has(r.value.sku)) problems.push({ line: r.line, column: 'sku', message: 'is already used by an item of the practice' });
      if (r.value.supplierName) {
        const s = suppliers.find((x) => x.active && x.name.toLowerCase() === r.value.supplierName!.toLowerCase());
        if (!s) problems.push({ line: r.line, column: 'supplier', message: 'is not an active supplier of the practice' });
        r.value.supplierId = s?.id ?? null;
      }
    }
    return problems;
  },
  async write(tx, principal, _audit, batch) {
    // The import itself is audited once by the framework (items carry no PHI).
    await insertItems(
      tx,
      batch.map(({ value: v }) => ({ practiceId: principal.practiceId, sku: v.sku, name: v.name, category: v.category, unit: v.unit, packUnit: v.packUnit, packSize: v.packSize, costCents: v.costCents, hcpcsCode: v.hcpcsCode, lotTracked: v.lotTracked, preferredSupplierId: v.supplierId ?? null })),
    );
  },
});
