import { describe, expect, it } from 'vitest';
import { CodeFileError, parseCptFile, parseHcpcsAnweb, parseIcd10cm, parsePlaceOfService } from './code-file.parsers.js';

// Order-file records laid out as CMS/CDC publish them: order (5), code (7), flag, short (60), long.
const order = (n: number, code: string, billable: 0 | 1, short: string, long: string) => `${String(n).padStart(5, '0')} ${code.padEnd(7)} ${billable} ${short.padEnd(60)} ${long}`;
// ANWEB fixed-width record: code (5), sequence (5), record id, long line (80), short (28), the rest blank.
const anweb = (code: string, seq: number, rec: string, long: string, short = '') => `${code.padEnd(5)}${String(seq).padStart(5, '0')}${rec}${long.padEnd(80)}${short.padEnd(28)}`.padEnd(320);

describe('parseIcd10cm', () => {
  it('reads the code-and-description file: every code billable', () => {
    const rows = [...parseIcd10cm(['E119    Type 2 diabetes mellitus without complications\r', 'I10     Essential (primary) hypertension\r', ''])];
    expect(rows).toEqual([
      { kind: 'DIAGNOSIS', code: 'E119', billable: true, shortDescription: null, description: 'Type 2 diabetes mellitus without complications' },
      { kind: 'DIAGNOSIS', code: 'I10', billable: true, shortDescription: null, description: 'Essential (primary) hypertension' },
    ]);
  });

  it('reads the order file with its header flag', () => {
    const rows = [...parseIcd10cm([order(1, 'E11', 0, 'Type 2 diabetes mellitus', 'Type 2 diabetes mellitus'), order(2, 'E119', 1, 'Type 2 diabetes mellitus without complications', 'Type 2 diabetes mellitus without complications')])];
    expect(rows.map((r) => [r.code, r.billable, r.shortDescription])).toEqual([
      ['E11', false, 'Type 2 diabetes mellitus'],
      ['E119', true, 'Type 2 diabetes mellitus without complications'],
    ]);
  });

  it('names the bad line without echoing it', () => {
    const err = (() => {
      try {
        [...parseIcd10cm(['E119    Fine', 'not a code line'])];
      } catch (e) {
        return e as CodeFileError;
      }
    })();
    expect(err).toBeInstanceOf(CodeFileError);
    expect(err!.line).toBe(2);
    expect(err!.message).not.toContain('not a code');
  });
});

describe('parseHcpcsAnweb', () => {
  it('reads fixed-width records, joining continuation lines, modifiers included', () => {
    const rows = [...parseHcpcsAnweb([anweb('G0438', 100, '3', 'Annual wellness visit; includes a personalized prevention plan of service', 'Ppps, initial visit'), anweb('G0438', 200, '4', '(pps), initial visit'), anweb('GT', 100, '7', 'Via interactive audio and video telecommunication systems', 'Interactivetelecommunication')])];
    expect(rows).toEqual([
      { kind: 'PROCEDURE', code: 'G0438', billable: true, shortDescription: 'Ppps, initial visit', description: 'Annual wellness visit; includes a personalized prevention plan of service (pps), initial visit' },
      { kind: 'MODIFIER', code: 'GT', billable: true, shortDescription: 'Interactivetelecommunication', description: 'Via interactive audio and video telecommunication systems' },
    ]);
  });

  it('reads the column-split CSV, restoring the 80th character that spilled into the next column', () => {
    const rows = [
      ...parseHcpcsAnweb([
        'Code,Description1,Description2,Type,Unknown1,Unknown2,Unknown3,Unknown4',
        'GU001007,"Waiver of liability statement issued as required by payer policy, routine notic",eLiability waiver rout notice,,,C,,201101012011',
        'RT001007,Right side (used to identify procedures performed on the right side of the body,)Right side,,,C,,198401011997',
        'G0438001003,Annual wellness visit; includes a personalized prevention plan of service,"Ppps, initial visit         13      A",,,C,M5D,1      0201101012011',
        'G0438002004,"(pps), initial visit",,,,,,',
      ]),
    ];
    expect(rows.map((r) => [r.code, r.shortDescription, r.description])).toEqual([
      ['GU', 'Liability waiver rout notice', 'Waiver of liability statement issued as required by payer policy, routine notice'],
      ['RT', 'Right side', 'Right side (used to identify procedures performed on the right side of the body)'],
      ['G0438', 'Ppps, initial visit', 'Annual wellness visit; includes a personalized prevention plan of service (pps), initial visit'],
    ]);
  });

  it('refuses a continuation without its first line', () => {
    expect(() => [...parseHcpcsAnweb([anweb('G0438', 200, '4', '(pps), initial visit')])]).toThrow(CodeFileError);
  });
});

describe('place of service and CPT files', () => {
  it('skips unassigned place-of-service codes', () => {
    const rows = [...parsePlaceOfService(['code,description,assigned', '00,UNASSIGNED,N', '11,"OFFICE - LOCATION, OTHER THAN A HOSPITAL",Y', '~,NO DESCRIPTION AVAILABLE,N'])];
    expect(rows.map((r) => r.code)).toEqual(['11']);
  });

  it('reads a licensed CPT file as tab- or comma-separated code and description', () => {
    const rows = [...parseCptFile(['code\tdescription', '99213\tLicensed text A', '0001U,"Licensed, text B"', '25\tModifier text'])];
    expect(rows.map((r) => [r.kind, r.code, r.description])).toEqual([
      ['PROCEDURE', '99213', 'Licensed text A'],
      ['PROCEDURE', '0001U', 'Licensed, text B'],
      ['MODIFIER', '25', 'Modifier text'],
    ]);
  });
});
