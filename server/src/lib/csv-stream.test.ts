import { describe, expect, it } from 'vitest';
import { type CsvEvent, readCsv } from './csv-stream.js';

const enc = new TextEncoder();
async function all(input: string | Uint8Array, chunkSize = 3): Promise<CsvEvent[]> {
  const bytes = typeof input === 'string' ? enc.encode(input) : input;
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.slice(i, i + chunkSize));
  const out: CsvEvent[] = [];
  for await (const e of readCsv(chunks)) out.push(e);
  return out;
}
const records = (events: CsvEvent[]) => events.map((e) => (e.kind === 'record' ? [e.record.line, ...e.record.fields] : ['problem', e.problem.line, e.problem.message]));

describe('readCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, in any chunking, with their starting line', async () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""",3\r\n"two\nlines",,\n\nlast,row,"q"';
    for (const size of [1, 2, 5, 1000]) {
      expect(records(await all(text, size)), `chunk ${size}`).toEqual([
        [1, 'a', 'b', 'c'],
        [2, 'x, y', 'say "hi"', '3'],
        [3, 'two\nlines', '', ''],
        [6, 'last', 'row', 'q'],
      ]);
    }
  });

  it('drops a UTF-8 byte order mark and keeps non-ASCII text', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('name\nJosé Müller\n')]);
    expect(records(await all(bytes, 2))).toEqual([[1, 'name'], [2, 'José Müller']]);
  });

  it('reports a record with bytes that are not UTF-8 (a Latin-1 file) and reads the rest', async () => {
    const bytes = new Uint8Array([...enc.encode('name\nJos'), 0xe9, ...enc.encode('\nok\n')]);
    expect(records(await all(bytes))).toEqual([[1, 'name'], ['problem', 2, 'is not valid UTF-8 text (save the file as UTF-8)'], [3, 'ok']]);
  });

  it('reports a quote that is never closed', async () => {
    expect(records(await all('a\n"open,b\nc\n'))).toEqual([[1, 'a'], ['problem', 2, 'has a quoted field that is never closed']]);
  });
});
