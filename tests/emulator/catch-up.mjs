// How long an account's request waits for its invokers to catch up (www/README.md "Invokers";
// a measurement, not a test: `node tests/emulator/catch-up.mjs`). 100 every-minute invokers of
// a script whose 16 placeholders are replaced by 60 KB values (a 960 KB script), the clock moved
// 150 s and then 2 hours: the time of the next request, and of the one after.
import { performance } from 'node:perf_hooks';
import { tat, sandboxAt } from './helpers.mjs';

const s = sandboxAt(Date.UTC(2025, 0, 2, 0, 0, 0));
const cmd = s.ok('CreateCommand', { CommandName: 'big', Content: tat.encodeContent('{{a}}'.repeat(16)), EnableParameter: true, DefaultParameters: JSON.stringify({ a: 'y'.repeat(60_000) }) }).CommandId;
for (let i = 0; i < 100; i++) {
  s.ok('CreateInvoker', { Name: `m${i}`, Type: 'SCHEDULE', CommandId: cmd, InstanceIds: ['ins-web00001'], ScheduleSettings: { Policy: 'RECURRENCE', Recurrence: '* * * * *' } });
  s.clock.ms += 100;
}
const timed = (label) => {
  s.clock.ms += 100;
  const t = performance.now();
  const n = s.ok('DescribeInvokerRecords', { Limit: 1 }).TotalCount;
  console.log(`${label}: ${(performance.now() - t).toFixed(0)} ms (${n} records)`);
};
s.clock.ms += 150_000;
timed('after 150 s idle');
s.clock.ms += 2 * 3600 * 1000;
timed('after 2 hours, the first request');
timed('the next');
console.log(`resident: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
