// The invokers view's next run times (www/app/views/cron.js), checked on known dates: the
// service reads a Recurrence in Beijing time (UTC+8).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextRuns, parseCron } from '../../www/app/views/cron.js';

const iso = (dates) => dates.map((d) => d.toISOString());
// 2026-12-01T07:30:00Z is 15:30 in Beijing, a Tuesday.
const from = Date.parse('2026-12-01T07:30:00Z');

test('every day at 02:00 Beijing time is 18:00 UTC the day before', () => {
  assert.deepEqual(iso(nextRuns('0 2 * * *', from)), [
    '2026-12-01T18:00:00.000Z', '2026-12-02T18:00:00.000Z', '2026-12-03T18:00:00.000Z',
    '2026-12-04T18:00:00.000Z', '2026-12-05T18:00:00.000Z',
  ]);
});

test('steps, lists and ranges; the minute after `from` at the earliest', () => {
  assert.deepEqual(iso(nextRuns('*/20 15,16 * * *', from, 4)), [
    '2026-12-01T07:40:00.000Z', '2026-12-01T08:00:00.000Z', '2026-12-01T08:20:00.000Z', '2026-12-01T08:40:00.000Z',
  ]);
  assert.deepEqual(iso(nextRuns('30 15 * * *', from, 1)), ['2026-12-02T07:30:00.000Z']);
});

test('days: weekdays (Monday to Friday in Beijing), Sunday as 0 or 7, day of month or weekday when both are given', () => {
  // Friday 4, then Monday 7 December, 09:00 Beijing.
  assert.deepEqual(iso(nextRuns('0 9 * * 1-5', Date.parse('2026-12-04T00:00:00Z'), 3)), [
    '2026-12-04T01:00:00.000Z', '2026-12-07T01:00:00.000Z', '2026-12-08T01:00:00.000Z',
  ]);
  assert.deepEqual(nextRuns('0 0 * * 7', from, 2), nextRuns('0 0 * * 0', from, 2));
  // The 1st of the month or a Sunday: Sunday 6 December, then Sunday 13 ... and 1 January.
  const either = iso(nextRuns('0 12 1 * 0', from, 6));
  assert.deepEqual(either, ['2026-12-06T04:00:00.000Z', '2026-12-13T04:00:00.000Z', '2026-12-20T04:00:00.000Z',
    '2026-12-27T04:00:00.000Z', '2027-01-01T04:00:00.000Z', '2027-01-03T04:00:00.000Z']);
  // 29 February: the next leap year.
  assert.deepEqual(iso(nextRuns('0 0 29 2 *', from, 1)), ['2028-02-28T16:00:00.000Z']);
});

test('what the page does not compute: null, never a wrong list', () => {
  for (const expr of ['0 0 12 * * ?', '0 0 L * *', '60 * * * *', '* 24 * * *', '5-1 * * * *', '*/0 * * * *', '', 'a b c d e', '0 0 31 2 *']) {
    const runs = nextRuns(expr, from);
    assert.ok(runs === null || runs.length === 0, `${expr}: ${runs}`);
  }
  assert.equal(parseCron('0 0 12 * * ?'), null);
  assert.deepEqual(nextRuns('0 0 31 2 *', from), []);
});
