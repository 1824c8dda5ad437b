/**
 * Streaming RFC 4180 reader: bytes in, records out, memory bounded by one record. Handles a UTF-8 BOM,
 * CRLF or LF line ends, quoted fields with commas, doubled quotes and line breaks. Bad bytes (not UTF-8,
 * seen as U+FFFD after decoding) and an unterminated quote are reported as problems of the record they
 * are in, never guessed at.
 */

export interface CsvRecord {
  /** 1-based line on which the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
  /** The record's fields as decoded (bad bytes as U+FFFD), when the record could be split. */
  fields?: string[];
}

export type CsvEvent = { kind: 'record'; record: CsvRecord } | { kind: 'problem'; problem: CsvProblem };

/** A single record may not exceed this many characters (a runaway quote stops here, not at the end of memory). */
export const MAX_RECORD_CHARS = 1_000_000;

/**
 * Reads CSV records from a byte stream.
 * @param chunks - the bytes, in any chunking
 * @returns events in file order: records, and problems (encoding, unterminated quote, oversize record)
 */
export async function* readCsv(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<CsvEvent> {
  // Not fatal: a bad byte becomes U+FFFD and the record holding it is reported (the rest still reads).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  let fields: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let afterQuote = false; // just closed a quoted field (or saw a quote that may be doubled)
  let line = 1;
  let start = 1;
  let recordChars = 0;
  const emit = function* (): Generator<CsvEvent> {
    fields.push(field);
    const isBlank = fields.length === 1 && fields[0] === '';
    if (fields.some((f) => f.includes('\uFFFD'))) yield { kind: 'problem', problem: { line: start, message: 'is not valid UTF-8 text (save the file as UTF-8)', fields } };
    else if (!isBlank) yield { kind: 'record', record: { line: start, fields } };
    fields = [];
    field = '';
    recordChars = 0;
  };
  const feed = function* (text: string): Generator<CsvEvent> {
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (++recordChars > MAX_RECORD_CHARS) throw new CsvTooLong(start);
      if (quoted) {
        if (c === '"') {
          quoted = false;
          afterQuote = true;
        } else {
          if (c === '\n') line++;
          field += c;
        }
        continue;
      }
      if (afterQuote && c === '"') {
        // A doubled quote inside a quoted field.
        field += '"';
        quoted = true;
        afterQuote = false;
        continue;
      }
      afterQuote = false;
      if (c === '"' && field === '') quoted = true;
      else if (c === ',') {
        fields.push(field);
        field = '';
      } else if (c === '\n') {
        yield* emit();
        line++;
        start = line;
      } else if (c !== '\r') field += c; // CR outside quotes only ends a line (CRLF)
    }
  };
  try {
    for await (const chunk of chunks) yield* feed(decoder.decode(chunk, { stream: true }));
    yield* feed(decoder.decode());
    if (quoted) {
      yield { kind: 'problem', problem: { line: start, message: 'has a quoted field that is never closed' } };
      return;
    }
    if (field !== '' || fields.length > 0) yield* emit();
  } catch (err) {
    if (err instanceof CsvTooLong) yield { kind: 'problem', problem: { line: err.line, message: `is longer than ${MAX_RECORD_CHARS} characters (an unclosed quote?)` } };
    else throw err;
  }
}

class CsvTooLong extends Error {
  constructor(readonly line: number) {
    super('record too long');
  }
}
