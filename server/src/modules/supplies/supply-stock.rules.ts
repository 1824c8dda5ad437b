/** Pure stock rules: which lots a withdrawal takes, and what to reorder. */

export interface LotBalance {
  lot: string;
  expiryDate: string | null;
  quantity: number;
}

export interface LotTake {
  lot: string;
  expiryDate: string | null;
  take: number;
}

/** First-expiring first; lots without an expiry date last; ties by lot name, so the order is stable. */
export function fefoOrder(a: LotBalance, b: LotBalance): number {
  if (a.expiryDate !== b.expiryDate) {
    if (a.expiryDate === null) return 1;
    if (b.expiryDate === null) return -1;
    return a.expiryDate < b.expiryDate ? -1 : 1;
  }
  return a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0;
}

/**
 * The lots a withdrawal of `quantity` units takes, first-expiring first (FEFO).
 * @returns the takes in FEFO order, or null when the balances hold fewer than `quantity` units
 */
export function pickFefo(balances: readonly LotBalance[], quantity: number): LotTake[] | null {
  const takes: LotTake[] = [];
  let left = quantity;
  for (const b of [...balances].filter((x) => x.quantity > 0).sort(fefoOrder)) {
    if (left === 0) break;
    const take = Math.min(b.quantity, left);
    takes.push({ lot: b.lot, expiryDate: b.expiryDate, take });
    left -= take;
  }
  return left === 0 ? takes : null;
}

/** True when stock is below the reorder point (at the point is still fine). */
export const belowReorderPoint = (onHand: number, reorderPoint: number) => onHand < reorderPoint;

/**
 * Packs to order so that on hand + on order reaches par, in whole packs (rounded up).
 * @returns 0 when nothing is needed
 */
export function packsToPar(onHand: number, onOrder: number, parLevel: number, packSize: number): number {
  const need = parLevel - onHand - onOrder;
  return need <= 0 ? 0 : Math.ceil(need / packSize);
}
