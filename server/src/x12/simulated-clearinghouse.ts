import { type ClaimSubmissionAnswer, type Clearinghouse, ClearinghouseError, type MailboxEntry } from './clearinghouse.js';
import { answer276, answer837 } from './simulated-claims.js';
import { SimulatedMailboxes } from './simulated-mailbox.js';
import { parseX12, type X12Seg } from './x12-document.js';
import { buildInterchange, SEPARATORS, type X12SegmentWriter } from './x12-envelope.js';
import { centsToDecimal } from './x12-money.js';

/**
 * What the simulator answers, chosen by the member id's prefix (case-insensitive). Any other member id
 * is an active PPO with full benefits.
 */
export const SIMULATOR_SCENARIOS = {
  INA: 'inactive coverage (EB*6)',
  TRM: 'terminated: active plan whose end date (DTP*347) is before the date of service',
  NF: 'subscriber not found (AAA 75)',
  BAD: 'invalid member id (AAA 72)',
  UNV: 'payer unavailable (AAA 42 at the payer level)',
  PRT: 'partial benefits: active, no amounts',
  HDD: 'high-deductible plan, nothing met yet, no copay',
  FAM: 'family coverage: family-level amounts only',
  OON: 'provider out of network (EB12 N)',
  AUTH: 'active; prior authorization required (EB11 Y)',
  SLOW: 'the clearinghouse times out',
  GRBG: 'the clearinghouse answers garbage',
} as const;

export type SimulatorScenario = keyof typeof SIMULATOR_SCENARIOS | 'ACTIVE';

export function scenarioOf(memberId: string): SimulatorScenario {
  const id = memberId.toUpperCase();
  const hit = (Object.keys(SIMULATOR_SCENARIOS) as (keyof typeof SIMULATOR_SCENARIOS)[]).sort((a, b) => b.length - a.length).find((p) => id.startsWith(p));
  return hit ?? 'ACTIVE';
}

const find = (body: X12Seg[], tag: string, first?: string) => body.find((s) => s.tag === tag && (first === undefined || s.el[0] === first));

type Eb = [code: string, level: string, period: string, amountCents: number | null, percent: string, auth: string, network: string];

function benefitsFor(s: SimulatorScenario): { level: string; plan: string; ebs: Eb[]; planEnd?: boolean } {
  const money = (level: string, code: string, total: number, remaining: number, net = 'Y'): Eb[] => [
    [code, level, '23', total, '', '', net],
    [code, level, '29', remaining, '', '', net],
  ];
  const full: Eb[] = [
    ['B', 'IND', '27', 2500, '', '', 'Y'], ['B', 'IND', '27', 6000, '', '', 'N'],
    ['A', 'IND', '', null, '0.2', '', 'Y'], ['A', 'IND', '', null, '0.4', '', 'N'],
    ...money('IND', 'C', 150000, 60000), ...money('FAM', 'C', 300000, 210000), ...money('IND', 'C', 300000, 300000, 'N'),
    ...money('IND', 'G', 500000, 320000), ...money('FAM', 'G', 1000000, 700000),
  ];
  switch (s) {
    case 'INA': return { level: 'IND', plan: 'SIM PPO GOLD', ebs: [] };
    case 'PRT': return { level: 'IND', plan: 'SIM BASIC', ebs: [] };
    case 'TRM': return { level: 'IND', plan: 'SIM PPO GOLD', ebs: full, planEnd: true };
    case 'HDD': return { level: 'IND', plan: 'SIM HDHP BRONZE', ebs: [['A', 'IND', '', null, '0.3', '', 'Y'], ...money('IND', 'C', 600000, 600000), ...money('FAM', 'C', 1200000, 1200000), ...money('IND', 'G', 750000, 750000)] };
    case 'FAM': return { level: 'FAM', plan: 'SIM FAMILY SILVER', ebs: [['B', 'FAM', '27', 3000, '', '', 'Y'], ...money('FAM', 'C', 400000, 125000), ...money('FAM', 'G', 1200000, 900000)] };
    case 'OON': return { level: 'IND', plan: 'SIM HMO SELECT', ebs: [['B', 'IND', '27', 7500, '', '', 'N'], ['A', 'IND', '', null, '0.5', '', 'N'], ...money('IND', 'C', 500000, 500000, 'N')] };
    case 'AUTH': return { level: 'IND', plan: 'SIM PPO GOLD', ebs: [['B', 'IND', '27', 4000, '', 'Y', 'Y'], ...money('IND', 'C', 150000, 150000)] };
    default: return { level: 'IND', plan: 'SIM PPO GOLD', ebs: full };
  }
}

/**
 * A clearinghouse that needs no network: it parses the 270 and answers a well-formed 271 decided by
 * the member id (see SIMULATOR_SCENARIOS), echoing the trace number, payer and provider. Claims (837P →
 * 999 + 277CA) and claim status (276 → 277) are answered by the rules of simulated-claims.ts
 * (CLAIM_SIMULATOR_RULES), deterministically from the data received.
 *
 * Delivery (`delivery`): `synchronous` answers the 999 and 277CA in the submission's exchange and files
 * only the later 835 ERAs in the submitter's mailbox; `mailbox` answers nothing in the exchange and
 * files the 999, the 277CA and then the ERAs there (see SimulatedMailboxes), as mailbox clearinghouses do.
 */
export class SimulatedClearinghouse implements Clearinghouse {
  private control = 0;
  readonly mailboxes = new SimulatedMailboxes();

  constructor(private readonly opts: { delivery?: 'synchronous' | 'mailbox' } = {}) {}

  async submit837(x12: string, options: { mailbox?: string } = {}): Promise<ClaimSubmissionAnswer> {
    const answer = answer837(x12);
    const inBand = (this.opts.delivery ?? 'synchronous') === 'synchronous';
    if (options.mailbox) this.mailboxes.file(options.mailbox, x12, answer, inBand);
    return inBand || !options.mailbox ? answer : { ack999: null, acks277ca: null };
  }

  async listMailbox(mailbox: string): Promise<MailboxEntry[]> {
    return this.mailboxes.list(mailbox);
  }

  async fetchMailboxFile(mailbox: string, fileId: string): Promise<string> {
    const text = this.mailboxes.fetch(mailbox, fileId);
    if (text === null) throw new ClearinghouseError('HTTP_STATUS', `mailbox file ${fileId} is not waiting (simulated 404)`, false);
    return text;
  }

  async acknowledgeMailboxFile(mailbox: string, fileId: string): Promise<void> {
    this.mailboxes.acknowledge(mailbox, fileId);
  }

  async send276(x12: string): Promise<string> {
    return answer276(x12);
  }

  async send270(x12: string): Promise<string> {
    const doc = parseX12(x12);
    const body = doc.body;
    const memberId = find(body, 'NM1', 'IL')?.el[8] ?? '';
    const scenario = scenarioOf(memberId);
    if (scenario === 'SLOW') throw new ClearinghouseError('TIMEOUT', 'clearinghouse did not answer in time (simulated)');
    if (scenario === 'GRBG') return '<html><body>502 Bad Gateway</body></html>';
    const trn = find(body, 'TRN');
    const dos = find(body, 'DTP', '291')?.el[2] ?? '';
    const codes = body.filter((s) => s.tag === 'EQ').map((s) => s.el[0]!).join(SEPARATORS.repetitionDelimiter) || '30';
    const dependent = body.some((s) => s.tag === 'HL' && s.el[2] === '23');
    this.control = (this.control % 999_999_999) + 1;
    return buildInterchange({
      parties: { senderId: doc.isa[7]!.trim(), receiverId: doc.isa[5]!.trim(), usage: doc.isa[14] === 'P' ? 'P' : 'T' },
      functionalId: 'HB',
      transactionSet: '271',
      controlNumber: this.control,
      at: new Date(),
      fill: (tx) => this.fill(tx, { body, scenario, trn, dos, codes, dependent }),
    });
  }

  private fill(tx: X12SegmentWriter, c: { body: X12Seg[]; scenario: SimulatorScenario; trn: X12Seg | undefined; dos: string; codes: string; dependent: boolean }): void {
    const bht = find(c.body, 'BHT');
    tx.addSegment('BHT', ['0022', '11', bht?.el[2] ?? '', bht?.el[3] ?? '', bht?.el[4] ?? '']);
    tx.addSegment('HL', ['1', '', '20', c.scenario === 'UNV' ? '0' : '1']);
    tx.addSegment('NM1', find(c.body, 'NM1', 'PR')?.el ?? ['PR', '2', 'UNKNOWN PAYER']);
    if (c.scenario === 'UNV') {
      tx.addSegment('AAA', ['Y', '', '42', 'R']);
      return;
    }
    tx.addSegment('HL', ['2', '1', '21', '1']);
    tx.addSegment('NM1', find(c.body, 'NM1', '1P')?.el ?? ['1P', '2', 'UNKNOWN PROVIDER']);
    const rejected = c.scenario === 'NF' || c.scenario === 'BAD';
    // A rejected subscriber ends the answer: no dependent loop follows, so HL04 says no child.
    tx.addSegment('HL', ['3', '2', '22', c.dependent && !rejected ? '1' : '0']);
    const trn = ['2', c.trn?.el[1] ?? '', c.trn?.el[2] ?? ''];
    if (!c.dependent) tx.addSegment('TRN', trn);
    tx.addSegment('NM1', find(c.body, 'NM1', 'IL')!.el);
    if (rejected) {
      tx.addSegment('AAA', ['N', '', c.scenario === 'NF' ? '75' : '72', 'C']);
      return;
    }
    const year = c.dos.slice(0, 4) || '2026';
    const plan = benefitsFor(c.scenario);
    const patientLoop = () => {
      tx.addSegment('DTP', ['346', 'D8', `${year}0101`]);
      if (plan.planEnd) tx.addSegment('DTP', ['347', 'D8', `${Number(year) - 1}1231`]);
      tx.addSegment('EB', [c.scenario === 'INA' ? '6' : '1', plan.level, '30', 'PR', plan.plan, '', '', '', '', '', c.scenario === 'AUTH' ? 'Y' : '', '']);
      for (const [code, level, period, cents, percent, auth, net] of plan.ebs) {
        // Like real payers, copays and coinsurance come under the office-visit and urgent-care service
        // types (98, UC) even when plan coverage (30) was asked; accumulators under what was asked.
        const types = code === 'A' || code === 'B' ? `98${SEPARATORS.repetitionDelimiter}UC` : c.codes;
        tx.addSegment('EB', [code, level, types, '', '', period, cents === null ? '' : centsToDecimal(cents), percent, '', '', auth, net]);
      }
    };
    if (!c.dependent) {
      patientLoop();
      return;
    }
    tx.addSegment('HL', ['4', '3', '23', '0']);
    tx.addSegment('TRN', trn);
    tx.addSegment('NM1', find(c.body, 'NM1', '03')?.el ?? ['03', '1']);
    patientLoop();
  }
}
