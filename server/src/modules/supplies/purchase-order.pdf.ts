import type { AddressJson } from '../../db/schema/json-types.js';
import { formatUsd } from '../../lib/money.js';
import type { DocumentSpec } from '../../pdf/pdf-document.js';
import type { PurchaseOrderLineRow, PurchaseOrderRow } from './purchase-order.repo.js';
import type { SupplierRow, SupplyItemRow } from './supply-catalog.repo.js';

export interface PurchaseOrderDocument {
  practiceName: string;
  order: PurchaseOrderRow;
  lines: PurchaseOrderLineRow[];
  items: SupplyItemRow[];
  supplier: SupplierRow;
  location: { name: string; address: AddressJson; phone: string | null };
}

const addressLines = (a: AddressJson) => [a.line1, a.line2, `${a.city}, ${a.state} ${a.postalCode.length === 9 ? `${a.postalCode.slice(0, 5)}-${a.postalCode.slice(5)}` : a.postalCode}`].filter((l): l is string => !!l);

/** The purchase order for the supplier, as plain blocks for the PDF layer. */
export function purchaseOrderDocument(d: PurchaseOrderDocument): DocumentSpec {
  const { order, supplier, location } = d;
  const number = `PO-${order.number}`;
  const total = d.lines.reduce((s, l) => s + l.packs * l.unitCostCents, 0);
  return {
    title: `Purchase order ${number}`,
    footer: `${d.practiceName} · purchase order ${number}`,
    blocks: [
      { kind: 'title', text: `Purchase order ${number}`, subtitle: `${d.practiceName} · status ${order.status}${order.submittedAt ? ` · submitted ${order.submittedAt.toISOString().slice(0, 10)}` : ''}` },
      {
        kind: 'fields',
        columns: [
          [
            { label: 'Supplier', value: supplier.name },
            { label: 'Our account number', value: supplier.accountNumber ?? '' },
            { label: 'Supplier contact', value: [supplier.email, supplier.phone].filter(Boolean).join(' · ') },
          ],
          [
            { label: 'Ship to', value: location.name },
            ...addressLines(location.address).map((line, i) => ({ label: i === 0 ? 'Address' : '', value: line })),
            { label: 'Phone', value: location.phone ?? '' },
          ],
        ],
      },
      { kind: 'heading', text: 'Items' },
      {
        kind: 'table',
        columns: [
          { header: '#', width: 0.05, align: 'right' },
          { header: 'SKU', width: 0.15 },
          { header: 'Item', width: 0.34 },
          { header: 'Pack', width: 0.14 },
          { header: 'Packs', width: 0.08, align: 'right' },
          { header: 'Pack price', width: 0.12, align: 'right' },
          { header: 'Amount', width: 0.12, align: 'right' },
        ],
        rows: d.lines.map((l) => {
          const item = d.items.find((i) => i.id === l.itemId);
          return [String(l.position), item?.sku ?? '', item?.name ?? l.itemId, `${item?.packUnit ?? 'pack'} of ${l.packSize} ${item?.unit ?? ''}`.trim(), String(l.packs), formatUsd(l.unitCostCents), formatUsd(l.packs * l.unitCostCents)];
        }),
        totals: [{ label: 'Total', value: formatUsd(total) }],
      },
      ...(order.notes ? [{ kind: 'text' as const, text: `Notes: ${order.notes}` }] : []),
    ],
  };
}
