// Time for the emulator: ISO times as the service writes them, and the cron expressions of
// RECURRENCE invokers, which the API reads in Beijing time (UTC+8, no daylight saving). The
// clock itself is injected (createSandbox's `now`), so nothing here reads Date.now().

/** Beijing time's offset from UTC, in milliseconds. */
const BEIJING_MS = 8 * 3600 * 1000;
const MINUTE_MS = 60_000;

/** An epoch-ms time as the service writes it: YYYY-MM-DDThh:mm:ssZ. */
export const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * An ISO 8601 time with a zone (`2021-09-01T00:00:00Z`, `2021-09-01T00:00:00+08:00`) as epoch
 * ms; NaN for anything else (a time without a zone is ambiguous, so it is refused).
 */
export function parseTime(text) {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return NaN;
  return Date.parse(text);
}

const NAMES = {
  month: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  dow: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
};

/**
 * One cron field as the set of values it matches, or null when the emulator cannot read it.
 * `*`, `?`, lists, ranges and steps are read; `L`, `W` and `#` (which the package accepts as
 * cron syntax) are not: the emulator refuses them (www/README.md, "Invokers").
 */
function field(text, min, max, names, base = 0) {
  const values = new Set();
  for (const part of text.toUpperCase().split(',')) {
    const m = /^(\*|\?|[0-9A-Z]+(?:-[0-9A-Z]+)?)(?:\/(\d+))?$/.exec(part);
    if (!m) return null;
    const value = (s) => {
      const n = names ? names.indexOf(s) : -1;
      if (n >= 0) return n + base;
      return /^\d+$/.test(s) ? Number(s) : NaN;
    };
    let lo = min;
    let hi = max;
    if (m[1] !== '*' && m[1] !== '?') {
      const [a, b] = m[1].split('-');
      lo = value(a);
      hi = b === undefined ? (m[2] ? max : lo) : value(b);
    }
    const step = m[2] ? Number(m[2]) : 1;
    if (!(lo >= min && hi <= max && lo <= hi && step >= 1)) return null;
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return values;
}

/**
 * A cron expression as a matcher of minutes: 5 fields (minute hour day month weekday), 6 (with
 * seconds first) or 7 (and a year last). Seconds are read but a schedule fires at most once a
 * minute. Day of week: 0 or 7 is Sunday (Unix cron; with 6 or 7 fields too). Returns null when
 * the expression cannot be read.
 */
export function parseCron(expression) {
  const parts = typeof expression === 'string' ? expression.trim().split(/\s+/) : [];
  if (parts.length < 5 || parts.length > 7) return null;
  const [minute, hour, day, month, weekday, year] = parts.length === 5 ? parts : parts.slice(1);
  const f = {
    minute: field(minute, 0, 59),
    hour: field(hour, 0, 23),
    day: field(day, 1, 31),
    month: field(month, 1, 12, NAMES.month, 1),
    weekday: field(weekday, 0, 7, NAMES.dow),
    year: year === undefined ? null : field(year, 1970, 2199),
  };
  if ([f.minute, f.hour, f.day, f.month, f.weekday].includes(null) || (year !== undefined && f.year === null)) return null;
  if (f.weekday.has(7)) f.weekday.add(0);
  // Unix cron: when both day fields are restricted, either may match.
  const dayAny = day === '*' || day === '?';
  const weekdayAny = weekday === '*' || weekday === '?';
  // Whether the hour of `d` can fire at all: every field but the minute.
  const hourOk = (d) => {
    if (!f.hour.has(d.getUTCHours()) || !f.month.has(d.getUTCMonth() + 1)) return false;
    if (f.year && !f.year.has(d.getUTCFullYear())) return false;
    const dayOk = f.day.has(d.getUTCDate());
    const weekdayOk = f.weekday.has(d.getUTCDay());
    if (dayAny || weekdayAny) return (dayAny || dayOk) && (weekdayAny || weekdayOk);
    return dayOk || weekdayOk;
  };
  const matches = (ms) => {
    const d = new Date(ms + BEIJING_MS); // read with getUTC*: the Beijing wall clock
    return f.minute.has(d.getUTCMinutes()) && hourOk(d);
  };
  // For scans: an hour that cannot fire is skipped whole (Beijing's offset is whole hours, so
  // UTC hours are its hours).
  matches.hour = (ms) => hourOk(new Date(ms + BEIJING_MS));
  return matches;
}

/** How far back a late check looks for missed fires (the clock may jump in tests and demos). */
export const CATCH_UP_MS = 7 * 24 * 3600 * 1000;

const HOUR_MS = 60 * MINUTE_MS;

/**
 * The minutes in (afterMs, untilMs] that a cron matcher fires at, oldest first, at most `max`
 * of them (the latest ones when there are more). Only the last CATCH_UP_MS are looked at,
 * from the latest minute back: a cron of every minute stops after `max` steps, and an hour
 * that cannot fire is passed in one step, so that a week is at most 168 hours and `max`
 * minutes whatever the expression (it was 10,080 minutes, each a Date, for every invoker).
 */
export function cronFires(matches, afterMs, untilMs, max = 100) {
  const fires = [];
  const from = Math.max(afterMs, untilMs - CATCH_UP_MS);
  let t = Math.floor(untilMs / MINUTE_MS) * MINUTE_MS;
  while (t > from && fires.length < max) {
    if (matches.hour && !matches.hour(t)) {
      t = Math.floor(t / HOUR_MS) * HOUR_MS - MINUTE_MS; // the last minute of the hour before
      continue;
    }
    if (matches(t)) fires.push(t);
    t -= MINUTE_MS;
  }
  return fires.reverse();
}

/** The next minute after `afterMs` that a cron matcher fires at, within a year; null if none. */
export function nextCronFire(matches, afterMs) {
  const end = afterMs + 366 * 24 * 3600 * 1000;
  for (let t = Math.floor(afterMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS; t <= end; t += MINUTE_MS) {
    if (matches(t)) return t;
  }
  return null;
}
