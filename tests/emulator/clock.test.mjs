// The emulator's clock helpers (www/sandbox/clock.mjs): cron expressions read in Beijing time,
// and the times ONCE invokers take.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCron, cronFires, nextCronFire, parseTime, iso } from '../../www/sandbox/clock.mjs';

const at = (text) => Date.parse(text);
const fires = (cron, from, to) => cronFires(parseCron(cron), at(from), at(to)).map(iso);

test('cron is read in Beijing time (UTC+8)', () => {
  // 09:00 in Beijing is 01:00 UTC; midnight in Beijing is 16:00 UTC the day before.
  assert.deepEqual(fires('0 9 * * *', '2025-01-01T00:00:00Z', '2025-01-03T00:00:00Z'), ['2025-01-01T01:00:00Z', '2025-01-02T01:00:00Z']);
  assert.deepEqual(fires('0 0 1 * *', '2025-01-30T00:00:00Z', '2025-02-05T00:00:00Z'), ['2025-01-31T16:00:00Z']);
  // Monday in Beijing starts on Sunday 16:00 UTC.
  assert.deepEqual(fires('30 0 * * MON', '2025-01-04T00:00:00Z', '2025-01-08T00:00:00Z'), ['2025-01-05T16:30:00Z']);
  assert.deepEqual(fires('30 0 * * 1', '2025-01-04T00:00:00Z', '2025-01-08T00:00:00Z'), ['2025-01-05T16:30:00Z']);
});

test('lists, ranges, steps, names, 6 and 7 fields, Sunday as 0 or 7', () => {
  assert.deepEqual(fires('*/20 * * * *', '2025-01-01T00:00:00Z', '2025-01-01T01:00:00Z'), ['2025-01-01T00:20:00Z', '2025-01-01T00:40:00Z', '2025-01-01T01:00:00Z']);
  assert.deepEqual(fires('5,10-12 8 * * *', '2025-01-01T00:00:00Z', '2025-01-01T01:00:00Z'), ['2025-01-01T00:05:00Z', '2025-01-01T00:10:00Z', '2025-01-01T00:11:00Z', '2025-01-01T00:12:00Z']);
  assert.deepEqual(fires('0 0 8 * * ?', '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'), ['2025-01-02T00:00:00Z'], 'after the start, up to the end');
  assert.deepEqual(fires('0 0 8 * * ? 2026', '2025-01-01T00:01:00Z', '2025-01-05T00:00:00Z'), []);
  assert.deepEqual(fires('0 0 * * 7', '2025-01-04T00:00:00Z', '2025-01-06T00:00:00Z'), fires('0 0 * * 0', '2025-01-04T00:00:00Z', '2025-01-06T00:00:00Z'));
  assert.deepEqual(fires('0 0 1 JAN *', '2024-12-30T00:00:00Z', '2025-01-05T00:00:00Z'), ['2024-12-31T16:00:00Z']);
});

test('unreadable expressions are null: L, W, #, out of range, wrong field counts', () => {
  for (const cron of ['0 0 L * *', '0 0 15W * *', '0 0 * * 1#2', '60 * * * *', '* 24 * * *', '* * 0 * *', '* * * 13 *', '* * *', '* * * * * * * *', '', 'a b c d e', '5-1 * * * *', '*/0 * * * *']) {
    assert.equal(parseCron(cron), null, cron);
  }
});

test('catching up: at most `max` fires, the latest ones, over the last 7 days', () => {
  const every = parseCron('* * * * *');
  const got = cronFires(every, at('2025-01-01T00:00:00Z'), at('2025-03-01T00:00:00Z'), 3).map(iso);
  assert.deepEqual(got, ['2025-02-28T23:58:00Z', '2025-02-28T23:59:00Z', '2025-03-01T00:00:00Z']);
  assert.equal(nextCronFire(parseCron('0 9 * * *'), at('2025-01-01T01:00:00Z')), at('2025-01-02T01:00:00Z'));
  assert.equal(nextCronFire(parseCron('0 0 30 2 *'), at('2025-01-01T00:00:00Z')), null, 'never: February 30th');
});

test('ONCE times: ISO 8601 with a zone', () => {
  assert.equal(parseTime('2021-09-01T00:00:00Z'), at('2021-09-01T00:00:00Z'));
  assert.equal(parseTime('2021-09-01T00:00:00+08:00'), at('2021-08-31T16:00:00Z'));
  for (const bad of ['2021-09-01 00:00:00', '2021-09-01T00:00:00', 1630454400, null, '']) assert.ok(Number.isNaN(parseTime(bad)), String(bad));
});
