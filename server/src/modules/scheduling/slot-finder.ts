import { dateOfEpochDay, epochDay, instantOf, isoWeekday, localDateOf, minutesOfTime } from './zoned-time.js';

/** Pure slot generation: everything in epoch milliseconds, wall-clock rules evaluated in `zone`. */

export interface WeeklyRule {
  providerId: string;
  weekday: number;
  startTime: string;
  endTime: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface TimeRange {
  providerId: string;
  start: number;
  end: number;
}

export interface ExceptionRange extends TimeRange {
  kind: 'TIME_OFF' | 'EXTRA_HOURS' | 'BLOCKED';
}

/** An existing appointment with the buffers of its type. */
export interface Booking extends TimeRange {
  bufferBefore: number;
  bufferAfter: number;
}

export interface SlotRules {
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  maxAdvanceDays: number;
}

export interface SlotQuery {
  zone: string;
  from: number;
  to: number;
  now: number;
  type: SlotRules;
  rules: WeeklyRule[];
  exceptions: ExceptionRange[];
  bookings: Booking[];
}

export interface Slot {
  providerId: string;
  start: number;
  end: number;
}

const MIN = 60_000;

/** Slots start every 15 minutes from the start of an open window (every `duration` if shorter). */
export const stepMinutes = (duration: number) => Math.min(15, duration);

type Span = [number, number];

function subtract(spans: Span[], cut: Span): Span[] {
  const out: Span[] = [];
  for (const [a, b] of spans) {
    if (cut[1] <= a || cut[0] >= b) out.push([a, b]);
    else {
      if (cut[0] > a) out.push([a, cut[0]]);
      if (cut[1] < b) out.push([cut[1], b]);
    }
  }
  return out;
}

/** Open working windows of one provider between from and to: weekly rules + extra hours − time off − blocks. */
export function openWindows(q: Pick<SlotQuery, 'zone' | 'from' | 'to' | 'rules' | 'exceptions'>, providerId: string): Span[] {
  let spans: Span[] = [];
  const first = epochDay(localDateOf(q.zone, q.from));
  const last = epochDay(localDateOf(q.zone, q.to));
  const rules = q.rules.filter((r) => r.providerId === providerId);
  for (let day = first; day <= last; day++) {
    const date = dateOfEpochDay(day);
    const weekday = isoWeekday(date);
    for (const r of rules) {
      if (r.weekday !== weekday || date < r.effectiveFrom || (r.effectiveTo !== null && date > r.effectiveTo)) continue;
      spans.push([instantOf(q.zone, date, minutesOfTime(r.startTime)), instantOf(q.zone, date, minutesOfTime(r.endTime))]);
    }
  }
  const mine = q.exceptions.filter((e) => e.providerId === providerId);
  for (const e of mine) if (e.kind === 'EXTRA_HOURS') spans.push([e.start, e.end]);
  spans = merge(spans);
  for (const e of mine) if (e.kind !== 'EXTRA_HOURS') spans = subtract(spans, [e.start, e.end]);
  return spans.filter(([a, b]) => b > a);
}

function merge(spans: Span[]): Span[] {
  const sorted = spans.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Span[] = [];
  for (const s of sorted) {
    const top = out[out.length - 1];
    if (top && s[0] <= top[1]) top[1] = Math.max(top[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

/** Bookings padded by their own buffers, merged into sorted disjoint spans. */
function busySpans(bookings: Booking[], providerId: string): Span[] {
  return merge(bookings.filter((k) => k.providerId === providerId).map((k) => [k.start - k.bufferBefore * MIN, k.end + k.bufferAfter * MIN] as Span));
}

/** Whether [start, end) padded by the new type's buffers overlaps a booking padded by its own buffers. */
function collides(start: number, end: number, type: SlotRules, busy: Span[]): boolean {
  const a = start - type.bufferBeforeMinutes * MIN;
  const b = end + type.bufferAfterMinutes * MIN;
  return busy.some(([s, e]) => a < e && s < b);
}

export type Refusal = 'OUTSIDE_AVAILABILITY' | 'TOO_SOON' | 'TOO_FAR_AHEAD' | 'OVERLAPS_BOOKING';

/** Why an appointment of the type at `start` for a provider cannot be booked, or null when it can. */
export function refusalFor(q: SlotQuery, providerId: string, start: number): Refusal | null {
  const end = start + q.type.durationMinutes * MIN;
  if (start < q.now + q.type.minNoticeMinutes * MIN) return 'TOO_SOON';
  if (start > q.now + q.type.maxAdvanceDays * 1440 * MIN) return 'TOO_FAR_AHEAD';
  const windows = openWindows({ ...q, from: start - 1440 * MIN, to: end + 1440 * MIN }, providerId);
  if (!windows.some(([a, b]) => a <= start && end <= b)) return 'OUTSIDE_AVAILABILITY';
  if (collides(start, end, q.type, busySpans(q.bookings, providerId))) return 'OVERLAPS_BOOKING';
  return null;
}

/** Every bookable slot in [from, to) for the providers, ordered by start then provider. */
export function findSlots(q: SlotQuery, providerIds: string[]): Slot[] {
  const duration = q.type.durationMinutes * MIN;
  const step = stepMinutes(q.type.durationMinutes) * MIN;
  const earliest = Math.max(q.from, q.now + q.type.minNoticeMinutes * MIN);
  const latest = q.now + q.type.maxAdvanceDays * 1440 * MIN;
  const slots: Slot[] = [];
  const before = q.type.bufferBeforeMinutes * MIN;
  const after = q.type.bufferAfterMinutes * MIN;
  for (const providerId of providerIds) {
    const busy = busySpans(q.bookings, providerId);
    // Candidates rise monotonically, so one pointer walks the sorted busy spans (no quadratic scan).
    let j = 0;
    for (const [a, b] of openWindows(q, providerId)) {
      for (let s = a; s + duration <= b; s += step) {
        if (s < earliest || s >= q.to || s > latest) continue;
        const lo = s - before;
        const hi = s + duration + after;
        while (j < busy.length && busy[j]![1] <= lo) j++;
        if (j < busy.length && busy[j]![0] < hi) continue;
        slots.push({ providerId, start: s, end: s + duration });
      }
    }
  }
  return slots.sort((x, y) => x.start - y.start || (x.providerId < y.providerId ? -1 : 1));
}
