import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hl7Instant, parseOru } from './hl7-oru.parse.js';
import { LabMessageError } from './lab-message.js';

/** The shared samples beside the checkout (read in place, never copied into the project). */
function findSamples(dir: string): string | undefined {
  const candidate = join(dir, 'shared/data/hl7v2-samples');
  if (existsSync(candidate)) return candidate;
  return dirname(dir) === dir ? undefined : findSamples(dirname(dir));
}
const DIR = process.env.MEDOFFICE_SHARED_DIR ? join(process.env.MEDOFFICE_SHARED_DIR, 'data/hl7v2-samples') : findSamples(process.cwd());
const samples = DIR ? readdirSync(DIR).filter((f) => f.endsWith('.hl7')) : [];
const read = (f: string) => readFileSync(join(DIR!, f), 'utf8');

const MIN = ['MSH|^~\\&|LAB|ACME LAB|EHR|OFFICE|20261201093000-0500||ORU^R01|MSG1|P|2.5.1', 'PID|1||MRN-1^^^OFFICE^MR||Test^Alpha||19800102|F', 'OBR|1|ORD-1|FIL-1|2345-7^Glucose^LN|||20261201080000-0500|||||||||||||||20261201092000-0500|||F', 'OBX|1|NM|2345-7^Glucose^LN||250|mg/dL|70-99|HH|||F|||20261201090000-0500'];
const msg = (lines: string[]) => lines.join('\r');
const refusal = (lines: string[]) => {
  try {
    parseOru(msg(lines));
  } catch (e) {
    if (e instanceof LabMessageError) return { location: e.location, ack: e.ackCode };
    throw e;
  }
  return null;
};

describe('HL7 v2 ORU^R01 reading', () => {
  it.runIf(samples.length === 5)('parses every shared sample (2.4, 2.5, 2.5.1; LF separators, BOMs)', () => {
    const byFile = Object.fromEntries(samples.map((f) => [f, parseOru(read(f)).parsed]));
    const obs = (f: string) => byFile[f]!.reports.flatMap((r) => r.observations);
    expect(byFile['LAB-ORU-1.hl7']!.reports).toHaveLength(2);
    expect(obs('LAB-ORU-1.hl7')).toHaveLength(10);
    expect(byFile['LAB-ORU-1.hl7']!.reports[0]!.patient).toEqual({ mrn: '10006579', familyName: 'DUCK', givenName: 'DONALD', dateOfBirth: '1924-10-10' });
    expect(byFile['LAB-ORU-2.hl7']!.reports.map((r) => r.status)).toEqual(['FINAL', 'FINAL']);
    const cbc = byFile['LRI_2.0-NG_CBC_Typ_Message.hl7']!;
    expect(cbc.controlId).toBe('NIST-LRI-NG-002.00');
    expect(cbc.reports[0]!.placerOrderNumber).toBe('ORD666555');
    expect(obs('LRI_2.0-NG_CBC_Typ_Message.hl7')).toHaveLength(28);
    expect(obs('LRI_2.0-NG_CBC_Typ_Message.hl7')[3]).toMatchObject({ code: '26464-8', value: '105600', units: '{cells}/uL', referenceRange: '4300 to 10800', abnormalFlag: 'HH', interpretation: 'CRITICAL', status: 'FINAL' });
    expect(obs('LRI_2.0-NG_CBC_Typ_Message.hl7')[19]).toMatchObject({ valueType: 'CWE', value: 'Present ++ out of ++++', interpretation: 'ABNORMAL' });
    expect(obs('ORU-R01-RMGEAD.hl7')).toEqual([expect.objectContaining({ code: '1554-5', valueType: 'SN', value: '182', abnormalFlag: 'H', interpretation: 'ABNORMAL' })]);
    expect(byFile['ORU-R01-RMGEAD.hl7']!.reports[0]).toMatchObject({ code: '15545', placerOrderNumber: '845439', fillerOrderNumber: '1045813', status: 'FINAL' });
    // The public-health sample: OBX before its OBR belongs to it; ED/RP attachments are not results.
    expect(obs('ORU-R01-01.hl7').map((o) => o.code)).toEqual(['625-4', '8867-4']);
    expect(obs('ORU-R01-01.hl7')[1]).toMatchObject({ value: '27; 25', status: 'PENDING' });
  });

  it('reads a minimal message with offsets converted to UTC', () => {
    const { parsed } = parseOru(msg(MIN));
    expect(parsed).toMatchObject({ sendingFacility: 'ACME LAB/LAB', controlId: 'MSG1' });
    expect(parsed.reports[0]).toMatchObject({ placerOrderNumber: 'ORD-1', status: 'FINAL', issuedAt: new Date('2026-12-01T14:20:00Z') });
    expect(hl7Instant('20261201', 'x')).toEqual(new Date('2026-12-01T00:00:00Z'));
  });

  it('names the segment and field of what is wrong, AR for the header and AE for the content', () => {
    expect(refusal(['PID|1', ...MIN.slice(1)])).toEqual({ location: 'MSH', ack: 'AR' });
    expect(refusal([MIN[0]!.replace('ORU^R01', 'ADT^A01'), ...MIN.slice(1)])).toEqual({ location: 'MSH-9', ack: 'AR' });
    expect(refusal([MIN[0]!.replace('|MSG1|', '||'), ...MIN.slice(1)])).toEqual({ location: 'MSH-10', ack: 'AR' });
    expect(refusal([MIN[0]!.replace('2.5.1', '2.7'), ...MIN.slice(1)])).toEqual({ location: 'MSH-12', ack: 'AR' });
    expect(refusal([MIN[0]!, MIN[2]!, MIN[3]!])).toEqual({ location: 'OBR[1]', ack: 'AE' });
    expect(refusal([MIN[0]!, 'PID|1||||||19800102', MIN[2]!, MIN[3]!])).toEqual({ location: 'PID[1]-3', ack: 'AE' });
    expect(refusal([MIN[0]!, MIN[1]!.replace('19800102', '19801332'), MIN[2]!, MIN[3]!])).toEqual({ location: 'PID[1]-7', ack: 'AE' });
    expect(refusal([...MIN.slice(0, 3), MIN[3]!.replace('|HH|', '|QQ|')])).toEqual({ location: 'OBX[1]-8', ack: 'AE' });
    expect(refusal([...MIN.slice(0, 3), MIN[3]!.replace('|||F|||', '|||Z|||')])).toEqual({ location: 'OBX[1]-11', ack: 'AE' });
    expect(refusal([...MIN.slice(0, 3), MIN[3]!, MIN[3]!.replace('2345-7^Glucose^LN', '')])).toEqual({ location: 'OBX[2]-3', ack: 'AE' });
    expect(refusal([...MIN.slice(0, 3), MIN[3]!.replace('20261201090000-0500', '2026-12-01')])).toEqual({ location: 'OBX[1]-14', ack: 'AE' });
    expect(refusal([MIN[0]!, MIN[1]!])).toEqual({ location: 'OBR', ack: 'AE' });
  });
});
