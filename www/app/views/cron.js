// The next run times of an invoker's Recurrence, computed in the page. The service reads the
// crontab in Beijing time (UTC+8, no daylight saving), so the times are found on Beijing's wall
// clock and returned as instants, for the page to show in Beijing time and in the viewer's.
// Five fields (minute hour day-of-month month day-of-week) of numbers, `*`, lists, ranges and
// steps; the package validates the wider syntax the service takes (up to 7 fields, `? L W #`),
// and for such an expression this returns null: the page says it cannot list the times.

const FIELDS = [
  { min: 0, max: 59 }, // minute
  { min: 0, max: 23 }, // hour
  { min: 1, max: 31 }, // day of month
  { min: 1, max: 12 }, // month
  { min: 0, max: 7 }, // day of week, 0 and 7 are Sunday
];
export const BEIJING_OFFSET_MINUTES = 8 * 60;

/** One field as the set of values it allows, or null when it is not plain cron. */
function parseField(text, { min, max }) {
  const values = new Set();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) return null;
    const from = m[1] === '*' ? min : Number(m[2]);
    const to = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < min || to > max || from > to || step < 1) return null;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** The five fields' sets, or null. */
export function parseCron(expr) {
  const parts = String(expr ?? '').trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const sets = parts.map((p, i) => parseField(p, FIELDS[i]));
  if (sets.some((s) => s === null)) return null;
  if (sets[4].has(7)) sets[4].add(0);
  return { minute: sets[0], hour: sets[1], dom: sets[2], month: sets[3], dow: sets[4], domAny: parts[2] === '*', dowAny: parts[4] === '*' };
}

/** As cron has it: with both day fields restricted, a day matching either runs. */
function dayMatches(c, wall) {
  const dom = c.dom.has(wall.getUTCDate());
  const dow = c.dow.has(wall.getUTCDay());
  if (c.domAny && c.dowAny) return true;
  if (c.domAny) return dow;
  if (c.dowAny) return dom;
  return dom || dow;
}

/**
 * The next `count` instants (Date) after `from` (epoch ms) at which `expr` runs, read on a
 * clock `offsetMinutes` ahead of UTC (Beijing by default); null when `expr` is not plain
 * five-field cron. Looks at most eight years ahead (a 29 February on a given weekday is rare).
 */
export function nextRuns(expr, from, count = 5, offsetMinutes = BEIJING_OFFSET_MINUTES) {
  const c = parseCron(expr);
  if (!c) return null;
  const out = [];
  let minute = Math.floor(from / 60000) + 1; // whole minutes since the epoch, UTC
  const end = minute + 8 * 366 * 1440;
  while (out.length < count && minute < end) {
    const wall = new Date((minute + offsetMinutes) * 60000); // read with the UTC getters
    if (!c.month.has(wall.getUTCMonth() + 1) || !dayMatches(c, wall)) {
      minute += 1440 - (wall.getUTCHours() * 60 + wall.getUTCMinutes()); // the next day
    } else if (!c.hour.has(wall.getUTCHours())) {
      minute += 60 - wall.getUTCMinutes(); // the next hour
    } else {
      if (c.minute.has(wall.getUTCMinutes())) out.push(new Date(minute * 60000));
      minute += 1;
    }
  }
  return out;
}
