import { Readable } from 'node:stream';
import { X12parser } from 'x12-parser';

/** A segment as the independent parser (x12-parser) sees it: `name` plus "1", "2", … elements. */
export type IndependentSegment = { name: string } & Record<string, string>;

/** Parses X12 with x12-parser, a second library independent of node-x12 (tests only). */
export async function parseIndependently(raw: string): Promise<IndependentSegment[]> {
  const out: IndependentSegment[] = [];
  await new Promise<void>((resolve, reject) => {
    Readable.from([raw])
      .pipe(new X12parser())
      .on('data', (d: IndependentSegment) => out.push(d))
      .on('end', resolve)
      .on('error', reject);
  });
  return out;
}
