import type { Db } from '../../db/client.js';
import type { Principal } from '../../graphql/auth.js';
import { badInput, notFound, versionConflict } from '../../graphql/errors.js';
import { todayIn } from '../../lib/dates.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { checkCodes } from '../codes/code.service.js';
import { findLocationsByIds } from '../locations/location.repo.js';
import { sqlState, UNIQUE_VIOLATION } from '../scheduling/sql-state.js';
import type { CreateSupplierInput, CreateSupplyItemInput, SetSupplyLevelInput, UpdateSupplierInput, UpdateSupplyItemInput } from './supply.inputs.js';
import {
  findItemsByIds,
  findSuppliersByIds,
  insertItem,
  insertSupplier,
  type SupplierRow,
  type SupplyItemRow,
  type SupplyLevelRow,
  updateItemRow,
  updateSupplierRow,
  upsertLevel,
} from './supply-catalog.repo.js';
import { refreshReorderAlerts } from './supply-alerts.service.js';
import { requireItem } from './supply-places.service.js';

const blankToNull = (v: string | null | undefined) => (v == null || v.trim() === '' ? null : v.trim());

/**
 * Creates a supplier.
 * @throws BAD_USER_INPUT (input.name) when the practice has a supplier of that name
 */
export async function createSupplier(db: Db, principal: Principal, audit: AuditTrail, input: CreateSupplierInput): Promise<SupplierRow> {
  try {
    return await db.transaction(async (tx) => {
      const row = await insertSupplier(tx, { practiceId: principal.practiceId, name: input.name.trim(), email: blankToNull(input.email), phone: blankToNull(input.phone), accountNumber: blankToNull(input.accountNumber) });
      await audit.write(tx, 'CREATE', 'Supplier', row.id);
      return row;
    });
  } catch (err) {
    if (sqlState(err) === UNIQUE_VIOLATION) throw badInput([{ path: 'input.name', message: 'is already used by another supplier' }]);
    throw err;
  }
}

/**
 * Changes a supplier.
 * @throws NOT_FOUND; VERSION_CONFLICT; BAD_USER_INPUT for a name in use
 */
export async function updateSupplier(db: Db, principal: Principal, audit: AuditTrail, input: UpdateSupplierInput): Promise<SupplierRow> {
  const [current] = await findSuppliersByIds(db, principal.practiceId, [input.id]);
  if (!current) throw notFound('Supplier', input.id);
  const patch: Partial<SupplierRow> = {};
  if (input.name != null) patch.name = input.name.trim();
  if (input.email !== undefined) patch.email = blankToNull(input.email);
  if (input.phone !== undefined) patch.phone = blankToNull(input.phone);
  if (input.accountNumber !== undefined) patch.accountNumber = blankToNull(input.accountNumber);
  if (input.active != null) patch.active = input.active;
  try {
    return await db.transaction(async (tx) => {
      const row = await updateSupplierRow(tx, principal.practiceId, input.id, input.expectedVersion, patch);
      if (!row) throw versionConflict('Supplier', input.id, input.expectedVersion, current.version);
      await audit.write(tx, 'UPDATE', 'Supplier', row.id);
      return row;
    });
  } catch (err) {
    if (sqlState(err) === UNIQUE_VIOLATION) throw badInput([{ path: 'input.name', message: 'is already used by another supplier' }]);
    throw err;
  }
}

/**
 * Checks a HCPCS code against the HCPCS code set in force today.
 * @throws BAD_USER_INPUT at `path` when it is unknown, not in force or not billable
 */
async function checkHcpcs(db: Db, practiceId: string, code: string, path: string): Promise<string> {
  const normalized = code.trim().toUpperCase();
  const [problem] = await checkCodes(db, practiceId, { dateOfService: todayIn('UTC'), procedures: [normalized] });
  if (problem) throw badInput([{ path, message: problem.message }]);
  return normalized;
}

async function requireSupplier(db: Db, practiceId: string, id: string, path: string): Promise<void> {
  const [s] = await findSuppliersByIds(db, practiceId, [id]);
  if (!s) throw notFound('Supplier', id);
  if (!s.active) throw badInput([{ path, message: 'is a deactivated supplier' }]);
}

/**
 * Creates a supply item.
 * @throws NOT_FOUND for the supplier; BAD_USER_INPUT for a SKU in use or a HCPCS code not in the code set
 */
export async function createSupplyItem(db: Db, principal: Principal, audit: AuditTrail, input: CreateSupplyItemInput): Promise<SupplyItemRow> {
  const practiceId = principal.practiceId;
  if (input.preferredSupplierId) await requireSupplier(db, practiceId, input.preferredSupplierId, 'input.preferredSupplierId');
  const hcpcsCode = input.hcpcsCode ? await checkHcpcs(db, practiceId, input.hcpcsCode, 'input.hcpcsCode') : null;
  try {
    return await db.transaction(async (tx) => {
      const row = await insertItem(tx, {
        practiceId,
        name: input.name.trim(),
        sku: input.sku,
        category: input.category,
        unit: input.unit.trim(),
        packUnit: input.packUnit.trim(),
        packSize: input.packSize,
        preferredSupplierId: input.preferredSupplierId ?? null,
        costCents: input.cost,
        hcpcsCode,
        lotTracked: input.lotTracked,
      });
      await audit.write(tx, 'CREATE', 'SupplyItem', row.id);
      return row;
    });
  } catch (err) {
    if (sqlState(err) === UNIQUE_VIOLATION) throw badInput([{ path: 'input.sku', message: 'is already used by another item' }]);
    throw err;
  }
}

/**
 * Changes a supply item (lot tracking and SKU stay as created).
 * @throws NOT_FOUND; VERSION_CONFLICT; BAD_USER_INPUT for a bad HCPCS code or supplier
 */
export async function updateSupplyItem(db: Db, principal: Principal, audit: AuditTrail, input: UpdateSupplyItemInput): Promise<SupplyItemRow> {
  const practiceId = principal.practiceId;
  const [current] = await findItemsByIds(db, practiceId, [input.id]);
  if (!current) throw notFound('SupplyItem', input.id);
  const patch: Partial<SupplyItemRow> = {};
  if (input.name != null) patch.name = input.name.trim();
  if (input.category != null) patch.category = input.category;
  if (input.packSize != null) patch.packSize = input.packSize;
  if (input.cost != null) patch.costCents = input.cost;
  if (input.active != null) patch.active = input.active;
  if (input.clearPreferredSupplier) patch.preferredSupplierId = null;
  else if (input.preferredSupplierId) {
    await requireSupplier(db, practiceId, input.preferredSupplierId, 'input.preferredSupplierId');
    patch.preferredSupplierId = input.preferredSupplierId;
  }
  if (input.clearHcpcsCode) patch.hcpcsCode = null;
  else if (input.hcpcsCode) patch.hcpcsCode = await checkHcpcs(db, practiceId, input.hcpcsCode, 'input.hcpcsCode');
  return db.transaction(async (tx) => {
    const row = await updateItemRow(tx, practiceId, input.id, input.expectedVersion, patch);
    if (!row) throw versionConflict('SupplyItem', input.id, input.expectedVersion, current.version);
    await audit.write(tx, 'UPDATE', 'SupplyItem', row.id);
    return row;
  });
}

/**
 * Sets the reorder point and par level of an item at a location, and brings its reorder alert up to date.
 * @throws NOT_FOUND (item, location); BAD_USER_INPUT when par is not above the reorder point
 */
export async function setSupplyLevel(db: Db, principal: Principal, audit: AuditTrail, input: SetSupplyLevelInput): Promise<SupplyLevelRow> {
  const practiceId = principal.practiceId;
  if (input.parLevel <= input.reorderPoint) throw badInput([{ path: 'input.parLevel', message: 'must be greater than the reorder point' }]);
  await requireItem(db, practiceId, input.itemId);
  const [loc] = await findLocationsByIds(db, practiceId, [input.locationId]);
  if (!loc) throw notFound('Location', input.locationId);
  return db.transaction(async (tx) => {
    const row = await upsertLevel(tx, practiceId, input);
    await refreshReorderAlerts(tx, practiceId, input.locationId, [input.itemId]);
    await audit.write(tx, 'UPDATE', 'SupplyLevel', row.id);
    return row;
  });
}
