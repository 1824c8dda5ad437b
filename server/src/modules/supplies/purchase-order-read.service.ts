import type { Db } from '../../db/client.js';
import { badInput, notFound } from '../../graphql/errors.js';
import { type ConnectionShape, pageRequest, toConnection } from '../../graphql/pagination.js';
import { renderPdf } from '../../pdf/pdf-document.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import { practiceName } from '../practices/practice.repo.js';
import { purchaseOrderDocument } from './purchase-order.pdf.js';
import { findLinesByOrderIds, findOrdersByIds, listOrdersPage } from './purchase-order.repo.js';
import type { OrderWithLines } from './purchase-order.service.js';
import { findItemsByIds, findSuppliersByIds } from './supply-catalog.repo.js';
import { requireLocation } from './supply-read.service.js';
import { toPurchaseOrder } from './supply.mapper.js';
import type { PurchaseOrder, PurchaseOrderPdf } from './supply.type.js';

/** Orders newest first, one page with their lines (two statements). */
export async function ordersPage(db: Db, practiceId: string, args: { first?: number | null; after?: string | null }): Promise<ConnectionShape<PurchaseOrder>> {
  const page = pageRequest(args);
  if (page.cursor && !(page.cursor.length === 1 && Number.isSafeInteger(page.cursor[0]))) throw badInput([{ path: 'after', message: 'is not a cursor issued by this connection' }]);
  const rows = await listOrdersPage(db, practiceId, (page.cursor?.[0] as number | undefined) ?? null, page.limit);
  const lines = await findLinesByOrderIds(db, practiceId, rows.slice(0, page.limit).map((r) => r.id));
  return toConnection(rows, page, (r) => [r.number], (r) => toPurchaseOrder(r, lines.filter((l) => l.purchaseOrderId === r.id)));
}

/**
 * One order with its lines.
 * @throws NOT_FOUND (also for another practice's)
 */
export async function orderById(db: Db, practiceId: string, id: string): Promise<OrderWithLines> {
  const [order] = await findOrdersByIds(db, practiceId, [id]);
  if (!order) throw notFound('PurchaseOrder', id);
  return { order, lines: await findLinesByOrderIds(db, practiceId, [order.id]) };
}

/**
 * The order as a PDF for the supplier; the export is audited.
 * @throws NOT_FOUND
 */
export async function purchaseOrderPdf(db: Db, practiceId: string, audit: AuditTrail, id: string): Promise<PurchaseOrderPdf> {
  const { order, lines } = await orderById(db, practiceId, id);
  const [items, [supplier], location, name] = await Promise.all([
    findItemsByIds(db, practiceId, lines.map((l) => l.itemId)),
    findSuppliersByIds(db, practiceId, [order.supplierId]),
    requireLocation(db, practiceId, order.locationId),
    practiceName(db, practiceId),
  ]);
  const bytes = await renderPdf(purchaseOrderDocument({ practiceName: name ?? '', order, lines, items, supplier: supplier!, location }));
  await audit.write(db, 'EXPORT', 'PurchaseOrder', order.id);
  return { fileName: `purchase-order-${order.number}.pdf`, contentType: 'application/pdf', base64: Buffer.from(bytes).toString('base64'), byteLength: bytes.length };
}
