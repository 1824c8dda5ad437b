import type { Db } from '../../db/client.js';
import { isValidLocalDate } from '../../lib/dates.js';
import { type ImportProblem, type ImportTarget, parseCount } from '../imports/import-target.js';
import { listLocations } from '../locations/location.repo.js';
import { findRoomsAtLocations } from '../rooms/room.repo.js';
import { findItemsBySkus } from './supply-catalog.repo.js';
import { record } from './supply-movement.service.js';
import { findLotExpiries } from './supply-stock.repo.js';

export interface OpeningStockValue {
  sku: string;
  location: string;
  room: string;
  lot: string;
  expiryDate: string | null;
  quantity: number;
  /** Resolved by `check`. */
  itemId?: string;
  locationId?: string;
  roomId?: string | null;
}

/**
 * Opening stock from CSV: sku, location (name), room (name, optional: the location's stock room when
 * empty), lot and expiry_date (required for lot-tracked items, refused for others), quantity (units).
 * Each row adds its quantity as an ADJUST movement ("opening stock"). A lot keeps one expiry date: in the
 * file and against what is on record.
 */
export function openingStockImport(): ImportTarget<OpeningStockValue> {
  const lotExpiry = new Map<string, string | null>(); // `${sku}\n${lot}` → expiry seen earlier in the file
  let places: { locations: Map<string, string>; rooms: Map<string, string> } | null = null;
  const loadPlaces = async (db: Db, practiceId: string) => {
    if (places) return places;
    const locs = await listLocations(db, practiceId, { activeOnly: true }, 1000, null, true);
    const rooms = await findRoomsAtLocations(db, practiceId, locs.map((l) => l.id));
    places = {
      locations: new Map(locs.map((l) => [l.name.trim().toLowerCase(), l.id])),
      rooms: new Map(rooms.filter((r) => r.active).map((r) => [`${r.locationId}\n${r.name.trim().toLowerCase()}`, r.id])),
    };
    return places;
  };
  return {
    name: 'OPENING_STOCK',
    columns: [
      { name: 'sku', required: true },
      { name: 'location', required: true },
      { name: 'room', required: false },
      { name: 'lot', required: false },
      { name: 'expiry_date', required: false },
      { name: 'quantity', required: true },
    ],
    keyColumn: 'sku',
    parse(c, line) {
      const problems: ImportProblem[] = [];
      const bad = (column: string, message: string) => problems.push({ line, column, message });
      const sku = (c.sku ?? '').trim();
      if (!sku) bad('sku', 'is required');
      const location = (c.location ?? '').trim();
      if (!location) bad('location', 'is required');
      const expiry = (c.expiry_date ?? '').trim();
      if (expiry && !isValidLocalDate(expiry)) bad('expiry_date', 'must be a date written YYYY-MM-DD');
      const quantity = parseCount(c.quantity ?? '', 1_000_000);
      if (quantity === null || quantity < 1) bad('quantity', 'must be a whole number from 1 to 1000000');
      const lot = (c.lot ?? '').trim();
      if (lot.length > 40) bad('lot', 'is longer than 40 characters');
      if (problems.length) return { value: null, problems };
      return { value: { sku, location, room: (c.room ?? '').trim(), lot, expiryDate: expiry || null, quantity: quantity! }, problems };
    },
    key: (v) => [v.sku, v.location.toLowerCase(), v.room.toLowerCase(), v.lot].join('\n'),
    async check(db, practiceId, batch) {
      const problems: ImportProblem[] = [];
      const bad = (line: number, column: string, message: string) => problems.push({ line, column, message });
      const [{ locations, rooms }, items] = await Promise.all([loadPlaces(db, practiceId), findItemsBySkus(db, practiceId, [...new Set(batch.map((r) => r.value.sku))])]);
      const bySku = new Map(items.map((i) => [i.sku, i]));
      const onRecord = new Map<string, Map<string, string | null>>();
      for (const item of items.filter((i) => i.lotTracked)) {
        onRecord.set(item.id, await findLotExpiries(db, practiceId, item.id, [...new Set(batch.filter((r) => r.value.sku === item.sku).map((r) => r.value.lot))]));
      }
      for (const { line, value: v } of batch) {
        const item = bySku.get(v.sku);
        if (!item) bad(line, 'sku', 'is not an item of the practice');
        else if (!item.active) bad(line, 'sku', 'is a deactivated item');
        const locationId = locations.get(v.location.toLowerCase());
        if (!locationId) bad(line, 'location', 'is not a location of the practice');
        const roomId = v.room && locationId ? rooms.get(`${locationId}\n${v.room.toLowerCase()}`) : null;
        if (v.room && locationId && !roomId) bad(line, 'room', 'is not an active room of that location');
        if (!item) continue;
        if (!item.lotTracked) {
          if (v.lot) bad(line, 'lot', 'must be empty for an item without lot tracking');
          if (v.expiryDate) bad(line, 'expiry_date', 'must be empty for an item without lot tracking');
        } else if (!v.lot) bad(line, 'lot', 'is required for a lot-tracked item');
        else {
          const lotKey = `${v.sku}\n${v.lot}`;
          const known = onRecord.get(item.id)?.has(v.lot) ? onRecord.get(item.id)!.get(v.lot)! : lotExpiry.get(lotKey);
          if (known === undefined && !v.expiryDate) bad(line, 'expiry_date', 'is required for a new lot of a lot-tracked item');
          else if (known && v.expiryDate && known !== v.expiryDate) bad(line, 'expiry_date', `differs from ${known}, the expiry of this lot`);
          if (!lotExpiry.has(lotKey)) lotExpiry.set(lotKey, v.expiryDate ?? known ?? null);
          v.expiryDate = v.expiryDate ?? known ?? null;
        }
        v.itemId = item.id;
        v.locationId = locationId;
        v.roomId = roomId ?? null;
      }
      return problems;
    },
    async write(tx, principal, audit, batch) {
      await record(
        tx,
        principal,
        audit,
        batch.map(({ value: v }) => ({ kind: 'ADJUST', itemId: v.itemId!, locationId: v.locationId!, roomId: v.roomId ?? null, lot: v.lot, expiryDate: v.expiryDate, quantity: v.quantity, reason: 'opening stock (import)' })),
        'file',
      );
    },
  };
}
