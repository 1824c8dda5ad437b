import { formatUsd } from '../../lib/money.js';
import type { DocumentSpec } from '../../pdf/pdf-document.js';
import type { PatientStatement, StatementLine } from './statement.type.js';

/** Everything printed on a statement, as plain data. */
export interface StatementPrint {
  practiceName: string;
  patient: { name: string; mrn: string };
  statement: PatientStatement;
  lines: readonly StatementLine[];
}

const usDate = (d: string) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;

/** A patient statement: summary of the account, aging, the activity since the last statement, amount due and due date. */
export function statementDocument(p: StatementPrint): DocumentSpec {
  const s = p.statement;
  const no = s.id.slice(0, 8).toUpperCase();
  return {
    title: `Statement ${no}`,
    footer: `Statement ${no} · ${p.practiceName} · Cycle ${s.cycle}`,
    blocks: [
      { kind: 'title', text: 'Patient statement', subtitle: `${p.practiceName} · Statement ${no}` },
      {
        kind: 'fields',
        columns: [
          [
            { label: 'Patient', value: p.patient.name },
            { label: 'Account (MRN)', value: p.patient.mrn },
            { label: 'Statement date', value: usDate(s.asOf) },
          ],
          [
            { label: 'Amount due', value: formatUsd(s.balanceDue) },
            { label: 'Due date', value: usDate(s.dueDate) },
          ],
        ],
      },
      { kind: 'heading', text: 'Account summary' },
      {
        kind: 'table',
        columns: [{ header: 'Item', width: 0.7 }, { header: 'Amount', width: 0.3, align: 'right' }],
        rows: [
          ['Previous balance', formatUsd(s.previousBalance)],
          ['New charges', formatUsd(s.newCharges)],
          ['Insurance payments', formatUsd(s.insurancePayments)],
          ['Adjustments', formatUsd(s.adjustments)],
          ['Your payments', formatUsd(s.patientPayments)],
          ['Pending insurance', formatUsd(-s.insurancePending)],
        ],
        totals: [{ label: 'Balance due', value: formatUsd(s.balanceDue) }],
      },
      { kind: 'heading', text: 'Aging of balance due' },
      {
        kind: 'table',
        columns: [0.2, 0.2, 0.2, 0.2, 0.2].map((width, i) => ({ header: ['0-30 days', '31-60 days', '61-90 days', '91-120 days', 'Over 120 days'][i]!, width, align: 'right' as const })),
        rows: [[s.aging.days0To30, s.aging.days31To60, s.aging.days61To90, s.aging.days91To120, s.aging.over120].map(formatUsd)],
      },
      { kind: 'heading', text: 'Activity since your last statement' },
      {
        kind: 'table',
        columns: [
          { header: 'Date', width: 0.16 },
          { header: 'Visit', width: 0.16 },
          { header: 'Description', width: 0.4 },
          { header: 'Amount', width: 0.14, align: 'right' },
          { header: 'Your part', width: 0.14, align: 'right' },
        ],
        rows: p.lines.map((l) => [usDate(l.effectiveDate), l.dateOfService ? usDate(l.dateOfService) : '', l.description, formatUsd(l.amount), formatUsd(l.patientAmount)]),
      },
      ...planBlocks(s),
      { kind: 'text', text: `Please pay ${formatUsd(Math.max(0, s.balanceDue))} by ${usDate(s.dueDate)}. Questions about your bill? Call our billing office.` },
    ],
  };
}

/** The payment plan section: missed installments and those due by the due date (none without a plan). */
function planBlocks(s: PatientStatement): DocumentSpec['blocks'] {
  const plan = s.paymentPlan;
  if (!plan) return [];
  const missed = plan.installments.filter((i) => i.status === 'MISSED').length;
  return [
    { kind: 'heading', text: 'Your payment plan' },
    {
      kind: 'table',
      columns: [{ header: 'Installment', width: 0.2 }, { header: 'Due', width: 0.2 }, { header: 'Amount', width: 0.2, align: 'right' }, { header: 'Paid', width: 0.2, align: 'right' }, { header: 'Status', width: 0.2 }],
      rows: plan.installments.map((i) => [`${i.number}`, usDate(i.dueDate), formatUsd(i.amount), formatUsd(i.paid), i.status === 'MISSED' ? 'Missed' : 'Due']),
      totals: [{ label: 'Plan amount due', value: formatUsd(plan.amountDue) }],
    },
    { kind: 'text', text: `Plan total ${formatUsd(plan.total)}, paid ${formatUsd(plan.paid)}, remaining ${formatUsd(plan.remaining)}.` },
    ...(missed ? [{ kind: 'text' as const, text: `${missed} installment${missed > 1 ? 's are' : ' is'} past due: please pay ${formatUsd(plan.amountDue)} by ${usDate(s.dueDate)}.` }] : []),
  ];
}
