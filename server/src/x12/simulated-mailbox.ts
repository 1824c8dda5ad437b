import { createHash } from 'node:crypto';
import type { ClaimSubmissionAnswer, MailboxEntry } from './clearinghouse.js';
import { simulateRemittance, type SubmittedClaim } from './era-simulator.js';
import { read837Claims } from './simulated-837-reader.js';
import { parse277CA } from './x12-277ca.js';
import { parseX12 } from './x12-document.js';
import { isoDate } from './x12-envelope.js';

interface Waiting {
  id: string;
  name: string;
  text: string;
  /** The file appears only after this one was acknowledged (the payer adjudicates after the 277CA went out). */
  after: string | null;
}

/**
 * The simulated clearinghouse's mailboxes, one per practice (the mailbox name the submitter gives),
 * held in memory for the life of the process. For each 837P it files:
 * - the 999 and, when the file was accepted, the 277CA — at once (unless they were answered in the
 *   submission's own exchange: `acknowledgmentsAnswered`);
 * - an 835 ERA adjudicating the accepted primary claims (ERA_SIMULATOR_RULES, one 835 per payer and
 *   billing provider) — visible only once that 277CA has been acknowledged (fetched and stored), as a
 *   payer pays after it acknowledged; at once when the 277CA was answered in the exchange. A claim it adjudicated before is adjudicated as a repeat (CO-18,
 *   or rule 7's reversal and correction). Secondary and tertiary claims get no simulated ERA here.
 * File ids are the SHA-256 of mailbox and name, so the same answer filed twice is one file.
 */
export class SimulatedMailboxes {
  private readonly boxes = new Map<string, Waiting[]>();
  private readonly acknowledged = new Set<string>();
  private readonly adjudicated = new Set<string>();
  private eraControl = 0;

  /** Files the answers to one submitted 837P in `mailbox`. */
  file(mailbox: string, x12: string, answer: ClaimSubmissionAnswer, acknowledgmentsAnswered: boolean): void {
    const doc = parseX12(x12);
    const isa13 = doc.isa[12]?.trim() ?? '0';
    if (answer.ack999 && !acknowledgmentsAnswered) this.put(mailbox, `999-${isa13}.x12`, answer.ack999, null);
    if (!answer.acks277ca) return;
    const ack = acknowledgmentsAnswered ? null : this.put(mailbox, `277CA-${isa13}.x12`, answer.acks277ca, null);
    const accepted = new Map(parse277CA(answer.acks277ca).claims.filter((c) => c.outcome === 'ACCEPTED' && c.payerClaimNumber).map((c) => [c.patientAccountNumber, c.payerClaimNumber!]));
    const groups = new Map<string, SubmittedClaim[]>();
    for (const c of read837Claims(x12)) {
      const icn = accepted.get(c.snapshot.patientAccountNumber);
      if (!icn || c.responsibility !== 'P' || c.snapshot.lines.length === 0) continue;
      const key = `${c.snapshot.payer.ediPayerId}|${c.snapshot.billingProvider.npi}`;
      const claim: SubmittedClaim = { snapshot: c.snapshot, payerClaimControlNumber: icn, previouslyAdjudicated: this.adjudicated.has(icn) };
      this.adjudicated.add(icn);
      groups.set(key, [...(groups.get(key) ?? []), claim]);
    }
    const made = isoDate(doc.gs[3]) ?? new Date().toISOString().slice(0, 10);
    let n = 0;
    for (const claims of groups.values()) {
      this.eraControl = (this.eraControl % 999_999_999) + 1;
      const trace = `SIMERA${isa13.replace(/^0+/, '') || '0'}${String(++n).padStart(2, '0')}`;
      const { x12: era } = simulateRemittance(claims, { controlNumber: this.eraControl, at: new Date(`${made}T12:00:00Z`), paymentDate: made, traceNumber: trace });
      this.put(mailbox, `835-${trace}.x12`, era, ack);
    }
  }

  list(mailbox: string): MailboxEntry[] {
    return (this.boxes.get(mailbox) ?? []).filter((w) => w.after === null || this.acknowledged.has(w.after)).map((w) => ({ id: w.id, name: w.name }));
  }

  /** @returns the file's text, or null when there is no such file waiting */
  fetch(mailbox: string, id: string): string | null {
    return (this.boxes.get(mailbox) ?? []).find((w) => w.id === id)?.text ?? null;
  }

  acknowledge(mailbox: string, id: string): void {
    const box = this.boxes.get(mailbox) ?? [];
    const at = box.findIndex((w) => w.id === id);
    if (at < 0) return;
    box.splice(at, 1);
    this.acknowledged.add(id);
  }

  private put(mailbox: string, name: string, text: string, after: string | null): string {
    const id = createHash('sha256').update(`${mailbox}|${name}`).digest('hex').slice(0, 32);
    const box = this.boxes.get(mailbox) ?? [];
    if (!box.some((w) => w.id === id) && !this.acknowledged.has(id)) box.push({ id, name, text, after });
    this.boxes.set(mailbox, box);
    return id;
  }
}
