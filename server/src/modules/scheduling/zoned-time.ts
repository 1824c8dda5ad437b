/**
 * Wall-clock ↔ instant conversion in an IANA zone with the runtime's Intl tz database (no library:
 * we need only offsets, and Intl already ships the tz data Node keeps up to date).
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

const QUARTER_HOUR = 15 * MINUTE;
const offsetCache = new Map<string, number>();

/**
 * The zone's UTC offset in milliseconds at an instant (e.g. -4 h for New York in summer). Cached per
 * quarter hour: offsets are whole quarter hours since the 1970s, so transitions fall on those boundaries.
 */
export function offsetAt(zone: string, instantMs: number): number {
  const key = `${zone}|${Math.floor(instantMs / QUARTER_HOUR)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = computeOffset(zone, instantMs);
    if (offsetCache.size > 200_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

function computeOffset(zone: string, instantMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function epochDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
}

/** YYYY-MM-DD of an epoch day. */
export function dateOfEpochDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** ISO weekday 1 = Monday … 7 = Sunday of a YYYY-MM-DD date. */
export function isoWeekday(date: string): number {
  const d = new Date(epochDay(date) * DAY).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The local calendar date of an instant in a zone. */
export function localDateOf(zone: string, instantMs: number): string {
  return dateOfEpochDay(Math.floor((instantMs + offsetAt(zone, instantMs)) / DAY));
}

/** Minutes since midnight of "HH:MM" or "HH:MM:SS". */
export function minutesOfTime(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * The instant of a local wall-clock time. Like Temporal's "compatible" disambiguation: a time skipped by
 * a spring-forward gap is read with the offset before the gap (02:30 → 03:30 daylight time), and a time
 * that occurs twice on a fall-back day is the earlier one.
 */
export function instantOf(zone: string, date: string, minutes: number): number {
  const local = epochDay(date) * DAY + minutes * MINUTE;
  const before = offsetAt(zone, local - DAY);
  const after = offsetAt(zone, local + DAY);
  const candidates = [local - before, local - after].filter((t) => t + offsetAt(zone, t) === local).sort((a, b) => a - b);
  return candidates[0] ?? local - before;
}

/** The instants bounding a local date: [start of date, start of next date). 23 or 25 hours on DST days. */
export function dayBounds(zone: string, date: string): [number, number] {
  return [instantOf(zone, date, 0), instantOf(zone, dateOfEpochDay(epochDay(date) + 1), 0)];
}
