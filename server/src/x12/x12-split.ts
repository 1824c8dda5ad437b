/**
 * Splits text holding several interchanges one after the other (as a clearinghouse answers an 837P
 * with a 999 and a 277CA) into one text per interchange, each from ISA to the end of its IEA. Each
 * interchange's own delimiters (ISA04 position 3, terminator position 105) are used. Text that does not
 * start with an ISA, or anything left after the last IEA, is returned as one last piece as is, so the
 * reader that gets it reports it instead of it being lost.
 */
export function splitInterchanges(text: string): string[] {
  const out: string[] = [];
  let rest = text.replace(/^\uFEFF/, '').trimStart();
  while (rest.startsWith('ISA') && rest.length >= 106) {
    const element = rest[3]!;
    const terminator = rest[105]!;
    const iea = rest.indexOf(`${terminator}IEA${element}`, 105);
    const iea2 = iea < 0 ? rest.indexOf(`${terminator}\nIEA${element}`, 105) : iea;
    if (iea2 < 0) break;
    const end = rest.indexOf(terminator, iea2 + 4);
    if (end < 0) break;
    out.push(rest.slice(0, end + 1));
    rest = rest.slice(end + 1).trimStart();
  }
  if (rest.trim()) out.push(rest);
  return out;
}
