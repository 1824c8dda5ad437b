import { randomUUID } from 'node:crypto';
import { normalizeHl7 } from './hl7-oru.parse.js';
import type { LabMessageError } from './lab-message.js';

/** Escapes text for an HL7 field with the default delimiters. */
function hl7Escape(s: string): string {
  return s.replace(/\\/g, '\\E\\').replace(/\|/g, '\\F\\').replace(/\^/g, '\\S\\').replace(/&/g, '\\T\\').replace(/~/g, '\\R\\').replace(/[\r\n]/g, ' ');
}

const ts = (d: Date) => `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+0000`;

/** HL7 table 0357 code for a problem: unsupported type/version (AR) or an error in a field. */
function errorCode(err: LabMessageError): { code: string; text: string } {
  if (err.location === 'MSH-9') return { code: '200', text: 'Unsupported message type' };
  if (err.location === 'MSH-12') return { code: '203', text: 'Unsupported version id' };
  if (/is required|has no/.test(err.problem)) return { code: '101', text: 'Required field missing' };
  if (/comes before|must be the first|is not under/.test(err.problem)) return { code: '100', text: 'Segment sequence error' };
  return { code: '102', text: 'Data type error' };
}

/**
 * The HL7 v2 acknowledgment of a message (original acknowledgment mode): MSH with sender and receiver
 * swapped, MSH-9 ACK^R01^ACK, a new control id, the message's processing id and version; MSA-1 AA/AE/AR and
 * MSA-2 the message's control id (MSH-10); for AE/AR an ERR segment with the location (segment^sequence^
 * field; ERR-2 from 2.5, ERR-1 before), the table 0357 code and our message (names and codes only, no values).
 * Works on a message too broken to parse: whatever MSH fields can be read are echoed.
 */
export function buildAck(raw: string, code: 'AA' | 'AE' | 'AR', now: Date, err?: LabMessageError): string {
  const first = normalizeHl7(raw).split('\r')[0] ?? '';
  const f = first.startsWith('MSH|') ? first.split('|') : [];
  // f[i] is MSH-(i+1): the field separator itself is MSH-1.
  const field = (n: number) => (f[n - 1] ?? '').split('^')[0]!.slice(0, 180);
  const version = ['2.3', '2.3.1', '2.4', '2.5', '2.5.1'].includes(field(12)) ? field(12) : '2.5.1';
  const segments = [
    ['MSH', '^~\\&', f[4] ?? '', f[5] ?? '', f[2] ?? '', f[3] ?? '', ts(now), '', 'ACK^R01^ACK', randomUUID().replace(/-/g, '').slice(0, 20), field(11) || 'P', version].join('|'),
    ['MSA', code, hl7Escape(field(10)), code === 'AA' ? 'Message accepted' : hl7Escape(err?.message ?? 'Message refused')].join('|'),
  ];
  if (err && code !== 'AA') {
    const m = /^([A-Z][A-Z0-9]{2})(?:\[(\d+)\])?(?:-(\d+))?/.exec(err.location);
    const seg = m?.[1] ?? '';
    const seq = m?.[2] ?? (seg ? '1' : '');
    const fieldNo = m?.[3] ?? '';
    const { code: hl7Code, text } = errorCode(err);
    const old = version === '2.3' || version === '2.3.1' || version === '2.4';
    segments.push(old ? `ERR|${seg}^${seq}^${fieldNo}^${hl7Code}&${text}&HL70357` : `ERR||${seg}^${seq}^${fieldNo}|${hl7Code}^${text}^HL70357|E||||${hl7Escape(err.message)}`);
  }
  return `${segments.join('\r')}\r`;
}
