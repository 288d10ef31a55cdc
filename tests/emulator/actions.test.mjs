// Every action of api.json (tccli's description of TAT 2020-10-28, read at test time), called on
// the emulator: each answer carries every member api.json marks output_required, with its
// type, recursively; each action refuses parameters the package refuses, with the package's
// first code; and the state each action changes is what the next one sees.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { tat, apiDescription, sandboxAt, b64, unb64, errorCode } from './helpers.mjs';
import { ACTION_NAMES } from '../../www/sandbox/handlers.mjs';
import { PHASES } from '../../www/sandbox/fleet.mjs';

const { api, examples } = apiDescription();
const objects = api.objects;

/**
 * The problems of `value` as the object `name` of api.json: every output_required member
 * present, every member present of its type (null only where value_allowed_null), recursively.
 */
function shapeProblems(value, name, path = name) {
  const problems = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path}: not an object`];
  for (const m of objects[name].members) {
    const at = `${path}.${m.name}`;
    if (!(m.name in value)) {
      if (m.output_required) problems.push(`${at}: missing`);
      continue;
    }
    problems.push(...typeProblems(value[m.name], m, at));
  }
  return problems;
}

function typeProblems(v, m, at) {
  if (v === null) return m.value_allowed_null ? [] : [`${at}: null`];
  const scalar = (x, member, where) => {
    if (member in objects) return shapeProblems(x, member, where);
    if (member === 'bool') return typeof x === 'boolean' ? [] : [`${where}: not a bool`];
    if (/^u?int\d*$/.test(member)) return Number.isInteger(x) && (!member.startsWith('u') || x >= 0) ? [] : [`${where}: not an ${member}`];
    if (member === 'datetime_iso') return typeof x === 'string' && (x === '' || /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/.test(x)) ? [] : [`${where}: not an ISO time: ${x}`];
    return typeof x === 'string' ? [] : [`${where}: not a string`];
  };
  if (m.type === 'list') return Array.isArray(v) ? v.flatMap((x, n) => scalar(x, m.member, `${at}[${n}]`)) : [`${at}: not a list`];
  return scalar(v, m.member, at);
}

/**
 * The lists of objects (by path, without indices) that had no item in any of `answers`: their
 * members were never checked. Every one must have had an item somewhere.
 */
function uncheckedLists(answers, name) {
  const seen = new Map(); // path -> whether an item was seen
  const walk = (value, obj, path) => {
    for (const m of objects[obj].members) {
      if (!(m.member in objects)) continue;
      const at = `${path}.${m.name}`;
      const v = value?.[m.name];
      if (m.type === 'list') {
        seen.set(at, seen.get(at) || (Array.isArray(v) && v.length > 0));
        for (const x of Array.isArray(v) ? v : []) walk(x, m.member, at);
      } else if (v != null) walk(v, m.member, at);
    }
  };
  for (const a of answers) walk(a, name, name);
  return [...seen].filter(([, had]) => !had).map(([path]) => path);
}

describe('api.json', () => {
  test('has the 29 actions of 2020-10-28, and the emulator answers exactly those', () => {
    assert.equal(api.metadata.apiVersion, '2020-10-28');
    assert.equal(Object.keys(api.actions).length, 29);
    assert.deepEqual(ACTION_NAMES, Object.keys(api.actions).sort());
  });

  test('the shape check finds what is missing or of the wrong type (it can fail)', () => {
    assert.deepEqual(shapeProblems({ TotalCount: 1, InvocationSet: [{ InvocationId: 'inv-1' }] }, 'DescribeInvocationsResponse').slice(0, 2),
      ['DescribeInvocationsResponse.InvocationSet[0].CommandId: missing', 'DescribeInvocationsResponse.InvocationSet[0].CommandName: missing']);
    assert.deepEqual(shapeProblems({ TotalCount: '1', InvocationSet: [] }, 'DescribeInvocationsResponse'), ['DescribeInvocationsResponse.TotalCount: not an uint64']);
  });
});

/**
 * One call of each action, in an order where each finds what the previous ones made. Each step
 * is [action, params (or a function of what was made), what to remember of the answer].
 */
function scenario() {
  const s = sandboxAt(Date.UTC(2025, 0, 2, 3, 4, 5));
  const made = {};
  const answers = {};
  const call = (action, params) => {
    const r = s.ok(action, typeof params === 'function' ? params(made) : params);
    (answers[action] ??= []).push(r);
    return r;
  };
  call('DescribeRegions', {});
  call('DescribeScenes', {});
  call('DescribeQuotas', { ResourceNames: ['COMMAND', 'REGISTER_CODE'] });
  made.cmd = call('CreateCommand', {
    CommandName: 'hello',
    Content: b64('echo {{who}}'),
    EnableParameter: true,
    DefaultParameterConfs: [{ ParameterName: 'who', ParameterValue: 'world', ParameterDescription: 'whom to greet' }],
    Tags: [{ Key: 'team', Value: 'ops' }],
  }).CommandId;
  made.other = call('CreateCommand', { CommandName: 'other', Content: b64('uptime') }).CommandId;
  made.third = call('CreateCommand', { CommandName: 'third', Content: b64('id') }).CommandId;
  call('DescribeCommands', {});
  call('ModifyCommand', (m) => ({ CommandId: m.cmd, Description: 'says hello' }));
  call('PreviewReplacedCommandContent', (m) => ({ CommandId: m.cmd, Parameters: '{"who":"you"}' }));
  made.run = call('RunCommand', { Content: b64('echo run'), InstanceIds: ['ins-web00001', 'ins-slow0001'], CommandName: 'adhoc' }).InvocationId;
  made.invoked = call('InvokeCommand', (m) => ({ CommandId: m.cmd, InstanceIds: ['ins-web00002'] })).InvocationId;
  s.clock.ms += 5000;
  call('DescribeInvocations', {});
  call('DescribeInvocationTasks', {});
  call('CancelInvocation', (m) => ({ InvocationId: m.run }));
  made.ivk = call('CreateInvoker', (m) => ({ Name: 'every-minute', Type: 'SCHEDULE', CommandId: m.cmd, InstanceIds: ['ins-web00001'], ScheduleSettings: { Policy: 'RECURRENCE', Recurrence: '* * * * *' }, Tags: [{ Key: 'team', Value: 'ops' }] })).InvokerId;
  call('DescribeInvokers', {});
  call('ModifyInvoker', (m) => ({ InvokerId: m.ivk, Name: 'renamed' }));
  s.clock.ms += 3 * 60_000;
  call('DescribeInvokerRecords', {});
  call('DisableInvoker', (m) => ({ InvokerId: m.ivk }));
  call('EnableInvoker', (m) => ({ InvokerId: m.ivk }));
  made.rgc = call('CreateRegisterCode', { Description: 'lab', RegisterLimit: 5 }).RegisterCodeId;
  call('DescribeRegisterCodes', {});
  call('DisableRegisterCodes', (m) => ({ RegisterCodeIds: [m.rgc] }));
  call('DescribeRegisterInstances', {});
  call('ModifyRegisterInstance', { InstanceId: 'mi-lnx00001', InstanceName: 'renamed' });
  call('DescribeAutomationAgentStatus', {});
  call('DeleteInvoker', (m) => ({ InvokerId: m.ivk }));
  call('DeleteRegisterCodes', (m) => ({ RegisterCodeIds: [m.rgc] }));
  call('DeleteRegisterInstance', { InstanceId: 'mi-win00001' });
  call('DeleteCommands', (m) => ({ CommandIds: [m.other, m.third] }));
  call('DeleteCommand', (m) => ({ CommandId: m.cmd }));
  return { answers, made, ...s };
}

describe('every action, as api.json describes its answer', () => {
  const { answers } = scenario();

  test('the scenario calls all 29 actions', () => {
    assert.deepEqual(Object.keys(answers).sort(), Object.keys(api.actions).sort());
  });

  for (const action of Object.keys(api.actions).sort()) {
    test(`${action}: every output_required member, with its type, recursively`, () => {
      for (const answer of answers[action]) assert.deepEqual(shapeProblems(answer, api.actions[action].output), []);
      assert.deepEqual(uncheckedLists(answers[action], api.actions[action].output), [], 'every list of objects had items to check');
    });

    test(`${action}: a parameter the package refuses is answered with the package's first code`, () => {
      const { send } = sandboxAt();
      // An unknown key is only a warning now: refused for sure is a value of the wrong JSON
      // type (an object where api.json gives a scalar or a list; a number for an object), or,
      // for an action without parameters, a body that is not an object.
      const first = objects[api.actions[action].input].members[0];
      const params = first ? { [first.name]: first.type === 'object' ? 1 : {} } : [];
      const expected = tat.validate(action, params).errors[0];
      assert.ok(expected, 'the package refuses it');
      // A body that is no object is refused by the emulator before the package sees it.
      if (!first) return assert.equal(send(action, params).Error.Code, expected.code);
      assert.deepEqual(send(action, params).Error, { Code: expected.code, Message: expected.message });
      const zh = tat.validate(action, params, { language: 'zh-CN' }).errors[0];
      assert.equal(send(action, params, { headers: { 'x-tc-language': 'zh-CN' } }).Error.Message, zh.message);
    });
  }
});

describe('the documented examples (examples.json)', () => {
  // Their IDs are not this account's: each is answered, as a success or with a code the
  // service uses for it, never InternalError, and its success answers have the full shape.
  for (const [action, list] of Object.entries(examples.actions)) {
    test(`${action}: ${list.length} example(s) answered`, () => {
      const s = sandboxAt(Date.UTC(2020, 0, 1));
      for (const example of list) {
        const body = example.input.slice(example.input.indexOf('\n\n') + 2);
        const r = s.send(action, null, { body });
        if (r.Error) {
          assert.notEqual(r.Error.Code, 'InternalError', `${example.title}: ${r.Error.Message}`);
          assert.match(r.Error.Code, /^[A-Z][A-Za-z]+(\.[A-Za-z]+)?$/);
        } else {
          assert.deepEqual(shapeProblems(r, api.actions[action].output), [], example.title);
        }
        // An answer that depends on nothing but the request: the document's own.
        if (action === 'PreviewReplacedCommandContent') {
          assert.equal(r.ReplacedContent, JSON.parse(example.output).Response.ReplacedContent);
        }
      }
    });
  }
});

describe('state', () => {
  test('commands: created, listed beside the public ones, filtered, paged, modified, deleted', () => {
    const { ok, send } = sandboxAt();
    const a = ok('CreateCommand', { CommandName: 'a', Content: b64('echo a'), Tags: [{ Key: 'env', Value: 'prod' }] }).CommandId;
    const bId = ok('CreateCommand', { CommandName: 'b', Content: b64('Get-Date'), CommandType: 'POWERSHELL' }).CommandId;
    assert.equal(errorCode(send('CreateCommand', { CommandName: 'a', Content: b64('x') })), 'InvalidParameterValue.CommandNameDuplicated');
    const all = ok('DescribeCommands', { Limit: 100 });
    const own = all.CommandSet.filter((c) => c.CreatedBy === 'USER');
    const pub = all.CommandSet.filter((c) => c.CreatedBy === 'TAT');
    assert.deepEqual(own.map((c) => c.CommandId), [bId, a]);
    assert.ok(pub.length >= 1);
    assert.equal(all.TotalCount, own.length + pub.length);
    assert.deepEqual(ok('DescribeCommands', { Filters: [{ Name: 'created-by', Values: ['USER'] }] }).CommandSet.map((c) => c.CommandId), [bId, a]);
    assert.deepEqual(ok('DescribeCommands', { Filters: [{ Name: 'command-type', Values: ['POWERSHELL'] }, { Name: 'created-by', Values: ['USER'] }] }).CommandSet.map((c) => c.CommandId), [bId]);
    assert.deepEqual(ok('DescribeCommands', { Filters: [{ Name: 'tag-key', Values: ['env'] }] }).CommandSet.map((c) => c.CommandId), [a]);
    assert.deepEqual(ok('DescribeCommands', { Filters: [{ Name: 'created-by', Values: ['USER'] }], Limit: 1, Offset: 1 }).CommandSet.map((c) => c.CommandId), [a]);
    const [before] = ok('DescribeCommands', { CommandIds: [a] }).CommandSet;
    assert.equal(before.WorkingDirectory, '/root');
    assert.equal(before.Username, 'root');
    assert.equal(before.Timeout, 60);
    ok('ModifyCommand', { CommandId: a, Content: b64('echo A'), Timeout: 30 });
    const [after] = ok('DescribeCommands', { CommandIds: [a] }).CommandSet;
    assert.equal(unb64(after.Content), 'echo A');
    assert.equal(after.Timeout, 30);
    assert.equal(after.CommandName, 'a');
    assert.equal(errorCode(send('ModifyCommand', { CommandId: a, CommandName: 'b' })), 'InvalidParameterValue.CommandNameDuplicated');
    assert.equal(errorCode(send('ModifyCommand', { CommandId: pub[0].CommandId, Description: 'x' })), 'ResourceNotFound.CommandNotFound');
    assert.equal(errorCode(send('DeleteCommand', { CommandId: 'cmd-zzzzzzzz' })), 'ResourceNotFound.CommandNotFound');
    assert.equal(errorCode(send('DeleteCommands', { CommandIds: [a, 'cmd-zzzzzzzz'] })), 'ResourceNotFound.CommandNotFound');
    assert.equal(ok('DescribeCommands', { CommandIds: [a] }).TotalCount, 1, 'a refused DeleteCommands deletes nothing');
    ok('DeleteCommands', { CommandIds: [a, bId] });
    assert.equal(ok('DescribeCommands', { Filters: [{ Name: 'created-by', Values: ['USER'] }] }).TotalCount, 0);
    assert.deepEqual(ok('DescribeQuotas', { ResourceNames: ['COMMAND'] }).GeneralResourceQuotaSet, [{ ResourceName: 'COMMAND', ResourceQuotaUsed: 0, ResourceQuotaTotal: 500 }]);
    assert.equal(errorCode(send('DescribeQuotas', { ResourceNames: ['NOPE'] })), 'ResourceUnavailable.InvalidResourceQuotaResourceCode');
  });

  test('InvokeCommand runs a saved or public command with its DefaultParameters, the request\'s over them', () => {
    const { ok, send, clock } = sandboxAt();
    const cmd = ok('CreateCommand', { CommandName: 'greet', Content: b64('echo {{greeting}} {{who}}'), EnableParameter: true, DefaultParameters: '{"greeting":"hello","who":"world"}', WorkingDirectory: '/tmp' }).CommandId;
    const inv = ok('InvokeCommand', { CommandId: cmd, InstanceIds: ['ins-web00001'], Parameters: '{"who":"you"}', Timeout: 10 }).InvocationId;
    const plain = ok('CreateCommand', { CommandName: 'plain', Content: b64('id') }).CommandId;
    assert.equal(errorCode(send('InvokeCommand', { CommandId: plain, InstanceIds: ['ins-web00001'], Parameters: '{"a":"b"}' })), 'InvalidParameterValue.ParameterDisabled');
    assert.equal(errorCode(send('InvokeCommand', { CommandId: 'cmd-zzzzzzzz', InstanceIds: ['ins-web00001'] })), 'ResourceNotFound.CommandNotFound');
    assert.equal(errorCode(send('InvokeCommand', { CommandId: plain, InstanceIds: ['ins-agent0ff'] })), 'ResourceUnavailable.AgentStatusNotOnline');
    clock.ms += 10_000;
    const [task] = ok('DescribeInvocationTasks', { Filters: [{ Name: 'invocation-id', Values: [inv] }] }).InvocationTaskSet;
    assert.equal(task.TaskStatus, 'SUCCESS');
    assert.equal(task.CommandName, 'greet');
    assert.equal(unb64(task.CommandDocument.Content), 'echo hello you');
    assert.equal(task.CommandDocument.WorkingDirectory, '/tmp');
    assert.equal(task.CommandDocument.Timeout, 10);
    assert.match(unb64(task.TaskResult.Output), /\| echo hello you\n/);
    const [invocation] = ok('DescribeInvocations', { InvocationIds: [inv] }).InvocationSet;
    assert.equal(invocation.CommandId, cmd);
    assert.equal(invocation.CommandName, 'greet');
    assert.equal(invocation.Parameters, '{"who":"you"}');
    assert.equal(invocation.DefaultParameters, '{"greeting":"hello","who":"world"}');
    assert.equal(unb64(invocation.CommandContent), 'echo {{greeting}} {{who}}');
    const pub = ok('InvokeCommand', { CommandId: 'cmd-tatdisk1', InstanceIds: ['ins-web00001'] }).InvocationId;
    assert.deepEqual(ok('DescribeInvocations', { Filters: [{ Name: 'command-created-by', Values: ['TAT'] }] }).InvocationSet.map((i) => i.InvocationId), [pub]);
    assert.equal(ok('PreviewReplacedCommandContent', { CommandId: cmd, Parameters: '{"greeting":"hi"}' }).ReplacedContent, b64('echo hi world'));
    assert.equal(ok('PreviewReplacedCommandContent', { Content: b64('echo {{x}} {{y}}'), Parameters: '{"x":"1"}' }).ReplacedContent, b64('echo 1 {{y}}'));
  });

  test('RunCommand with SaveCommand keeps the command under its CommandId', () => {
    const { ok } = sandboxAt();
    const run = ok('RunCommand', { Content: b64('echo saved'), InstanceIds: ['ins-web00001'], SaveCommand: true, CommandName: 'saved' });
    const [cmd] = ok('DescribeCommands', { CommandIds: [run.CommandId] }).CommandSet;
    assert.equal(cmd.CommandName, 'saved');
    assert.equal(unb64(cmd.Content), 'echo saved');
    assert.equal(ok('RunCommand', { Content: b64('x'), InstanceIds: ['ins-web00001'] }).CommandId === run.CommandId, false);
    assert.equal(ok('DescribeCommands', { Filters: [{ Name: 'created-by', Values: ['USER'] }] }).TotalCount, 1, 'an unsaved command is not kept');
  });

  test('CancelInvocation: a task not yet running ends CANCELLED, a running one TERMINATED, an ended one stays', () => {
    const { ok, send, clock } = sandboxAt();
    const early = ok('RunCommand', { Content: b64('sleep 1'), InstanceIds: ['ins-web00001', 'ins-web00002'] }).InvocationId;
    ok('CancelInvocation', { InvocationId: early, InstanceIds: ['ins-web00002'] });
    clock.ms += (PHASES.pending + PHASES.delivering + 0.5) * 1000;
    const late = ok('RunCommand', { Content: b64('sleep 1'), InstanceIds: ['ins-slow0001', 'ins-web00001'] }).InvocationId;
    clock.ms += (PHASES.pending + PHASES.delivering + 0.5) * 1000; // late: both RUNNING; early's web00001 ended
    ok('CancelInvocation', { InvocationId: early });
    ok('CancelInvocation', { InvocationId: late, InstanceIds: ['ins-slow0001'] });
    clock.ms += 60_000;
    const statuses = (id) => ok('DescribeInvocationTasks', { Filters: [{ Name: 'invocation-id', Values: [id] }] }).InvocationTaskSet.map((t) => [t.InstanceId, t.TaskStatus]);
    assert.deepEqual(statuses(early), [['ins-web00001', 'SUCCESS'], ['ins-web00002', 'CANCELLED']]);
    assert.deepEqual(statuses(late), [['ins-slow0001', 'TERMINATED'], ['ins-web00001', 'SUCCESS']]);
    const status = (id) => ok('DescribeInvocations', { InvocationIds: [id] }).InvocationSet[0].InvocationStatus;
    assert.equal(status(early), 'PARTIAL_CANCELLED');
    const all = ok('RunCommand', { Content: b64('x'), InstanceIds: ['ins-web00001'] }).InvocationId;
    ok('CancelInvocation', { InvocationId: all });
    assert.equal(status(all), 'CANCELLED');
    assert.equal(errorCode(send('CancelInvocation', { InvocationId: 'inv-zzzzzzzz' })), 'ResourceNotFound.InvocationNotFound');
    assert.equal(errorCode(send('CancelInvocation', { InvocationId: late, InstanceIds: ['ins-web00002'] })), 'InvalidParameterValue.InstanceIsNotRelatedToInvocation');
  });

  test('invokers: RECURRENCE fires on the clock in Beijing time, ONCE fires once, disabled ones do not', () => {
    // 2025-01-02 00:30 UTC is 08:30 in Beijing.
    const { ok, send, clock } = sandboxAt(Date.UTC(2025, 0, 2, 0, 30, 0));
    const cmd = ok('CreateCommand', { CommandName: 'tick', Content: b64('date') }).CommandId;
    const daily = ok('CreateInvoker', { Name: 'nine', Type: 'SCHEDULE', CommandId: cmd, InstanceIds: ['ins-web00001'], ScheduleSettings: { Policy: 'RECURRENCE', Recurrence: '0 9 * * *' } }).InvokerId;
    const once = ok('CreateInvoker', { Name: 'once', Type: 'SCHEDULE', CommandId: cmd, InstanceIds: ['ins-web00002'], ScheduleSettings: { Policy: 'ONCE', InvokeTime: '2025-01-02T01:10:00Z' } }).InvokerId;
    const off = ok('CreateInvoker', { Name: 'off', Type: 'SCHEDULE', CommandId: cmd, InstanceIds: ['ins-web00001'], ScheduleSettings: { Policy: 'RECURRENCE', Recurrence: '*/5 * * * *' } }).InvokerId;
    ok('DisableInvoker', { InvokerId: off });
    const [view] = ok('DescribeInvokers', { InvokerIds: [daily] }).InvokerSet;
    assert.deepEqual(view.ScheduleSettings, { Policy: 'RECURRENCE', Recurrence: '0 9 * * *', InvokeTime: '2025-01-02T01:00:00Z' });
    assert.equal(errorCode(send('CreateInvoker', { Name: 'past', Type: 'SCHEDULE', CommandId: cmd, InstanceIds: ['ins-web00001'], ScheduleSettings: { Policy: 'ONCE', InvokeTime: '2025-01-01T00:00:00Z' } })), 'InvalidParameterValue.InvokeTimeExpired');
    assert.equal(errorCode(send('DeleteCommand', { CommandId: cmd })), 'ResourceUnavailable.CommandInInvoker');

    clock.ms = Date.UTC(2025, 0, 2, 0, 59, 0); // 08:59 Beijing: nothing yet
    assert.equal(ok('DescribeInvokerRecords', {}).TotalCount, 0);
    clock.ms = Date.UTC(2025, 0, 2, 1, 30, 0); // 09:30 Beijing: daily fired at 09:00, once at 09:10
    const records = ok('DescribeInvokerRecords', {}).InvokerRecordSet;
    assert.deepEqual(records.map((r) => [r.InvokerId, r.InvokeTime, r.Result]), [[once, '2025-01-02T01:10:00Z', 'SUCCESS'], [daily, '2025-01-02T01:00:00Z', 'SUCCESS']]);
    const invocations = ok('DescribeInvocations', {}).InvocationSet;
    assert.deepEqual(invocations.map((i) => [i.InvocationId, i.InvocationSource, i.CreatedTime]), records.map((r) => [r.InvocationId, 'INVOKER', r.InvokeTime]));
    assert.deepEqual(ok('DescribeInvokerRecords', { InvokerIds: [daily] }).InvokerRecordSet.map((r) => r.InvokeTime), ['2025-01-02T01:00:00Z']);

    clock.ms = Date.UTC(2025, 0, 4, 1, 30, 0); // two days later: daily fired twice more, once never again
    assert.deepEqual(ok('DescribeInvokerRecords', { InvokerIds: [daily] }).InvokerRecordSet.map((r) => r.InvokeTime), ['2025-01-04T01:00:00Z', '2025-01-03T01:00:00Z', '2025-01-02T01:00:00Z']);
    assert.equal(ok('DescribeInvokerRecords', { InvokerIds: [once] }).TotalCount, 1);
    assert.equal(ok('DescribeInvokerRecords', { InvokerIds: [off] }).TotalCount, 0);
    ok('DisableInvoker', { InvokerId: daily });
    clock.ms = Date.UTC(2025, 0, 5, 1, 30, 0);
    ok('EnableInvoker', { InvokerId: daily }); // the run missed while disabled is not made up
    assert.equal(ok('DescribeInvokerRecords', { InvokerIds: [daily] }).TotalCount, 3);
    assert.deepEqual(ok('DescribeInvokers', { Filters: [{ Name: 'invoker-id', Values: [daily] }] }).InvokerSet.map((i) => i.Enable), [true]);
  });

  test('an invoker whose instance cannot run records why, with no invocation', () => {
    const { ok, clock } = sandboxAt(Date.UTC(2025, 0, 2, 0, 0, 0));
    const cmd = ok('CreateCommand', { CommandName: 'x', Content: b64('x') }).CommandId;
    const ivk = ok('CreateInvoker', { Name: 'x', Type: 'SCHEDULE', CommandId: cmd, InstanceIds: ['ins-agent0ff'], ScheduleSettings: { Policy: 'RECURRENCE', Recurrence: '* * * * *' } }).InvokerId;
    ok('ModifyInvoker', { InvokerId: ivk, Name: 'renamed' });
    clock.ms += 60_000;
    const [r] = ok('DescribeInvokerRecords', {}).InvokerRecordSet;
    assert.equal(r.Result, 'FAILED');
    assert.equal(r.InvocationId, '');
    assert.match(r.Reason, /^ResourceUnavailable\.AgentStatusNotOnline/);
    assert.equal(ok('DescribeInvocations', {}).TotalCount, 0);
    assert.equal(ok('DescribeInvokers', {}).InvokerSet[0].Name, 'renamed');
  });

  test('register codes and managed instances', () => {
    const { ok, send, clock } = sandboxAt();
    const rgc = ok('CreateRegisterCode', { Description: 'lab', EffectiveTime: 1 });
    assert.match(rgc.RegisterCodeValue, /^[0-9a-f]{32}$/);
    const [code] = ok('DescribeRegisterCodes', { RegisterCodeIds: [rgc.RegisterCodeId] }).RegisterCodeSet;
    assert.equal(code.Enabled, true);
    assert.equal(code.RegisterLimit, 10);
    assert.equal(Date.parse(code.ExpiredTime) - Date.parse(code.CreatedTime), 3_600_000);
    clock.ms += 3_600_000;
    assert.equal(ok('DescribeRegisterCodes', {}).RegisterCodeSet[0].Enabled, false, 'expired');
    assert.match(rgc.RegisterCodeId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(errorCode(send('DisableRegisterCodes', { RegisterCodeIds: ['c24dcbca-4e83-463c-b1ae-f6a432c009f0'] })), 'ResourceNotFound.RegisterCodesNotFoundCode');
    ok('DeleteRegisterCodes', { RegisterCodeIds: [rgc.RegisterCodeId] });
    assert.equal(ok('DescribeRegisterCodes', {}).TotalCount, 0);

    assert.deepEqual(ok('DescribeRegisterInstances', {}).RegisterInstanceSet.map((i) => [i.InstanceId, i.Status, i.SystemName]), [['mi-lnx00001', 'Online', 'Linux'], ['mi-win00001', 'Offline', 'Windows']]);
    ok('ModifyRegisterInstance', { InstanceId: 'mi-lnx00001', InstanceName: 'db-1' });
    assert.deepEqual(ok('DescribeRegisterInstances', { Filters: [{ Name: 'instance-name', Values: ['db-1'] }] }).RegisterInstanceSet.map((i) => i.InstanceId), ['mi-lnx00001']);
    const inv = ok('InvokeCommand', { CommandId: 'cmd-tatdisk1', InstanceIds: ['mi-lnx00001'] }).InvocationId;
    assert.match(inv, /^inv-/);
    ok('DeleteRegisterInstance', { InstanceId: 'mi-lnx00001' });
    assert.equal(errorCode(send('ModifyRegisterInstance', { InstanceId: 'mi-lnx00001', InstanceName: 'x' })), 'ResourceNotFound.RegisterInstanceNotFoundCode');
    assert.equal(errorCode(send('InvokeCommand', { CommandId: 'cmd-tatdisk1', InstanceIds: ['mi-lnx00001'] })), 'ResourceNotFound.InstanceNotFound');
  });

  test('DescribeAutomationAgentStatus: the fleet\'s agents, filtered', () => {
    const { ok, send } = sandboxAt();
    const offline = ok('DescribeAutomationAgentStatus', { Filters: [{ Name: 'agent-status', Values: ['Offline'] }] });
    assert.deepEqual(offline.AutomationAgentSet.map((a) => a.InstanceId), ['ins-agent0ff', 'mi-win00001']);
    const some = ok('DescribeAutomationAgentStatus', { InstanceIds: ['ins-win00001', 'ins-bulk0042'] });
    assert.deepEqual(some.AutomationAgentSet.map((a) => [a.InstanceId, a.AgentStatus, a.Environment]), [['ins-win00001', 'Online', 'Windows'], ['ins-bulk0042', 'Online', 'Linux']]);
    assert.equal(errorCode(send('DescribeAutomationAgentStatus', { InstanceIds: ['ins-zzzzzzzz'] })), 'ResourceNotFound.InstanceNotFound');
  });

  test('DescribeRegions and DescribeScenes', () => {
    const { ok } = sandboxAt();
    const regions = ok('DescribeRegions', {});
    assert.ok(regions.RegionSet.some((r) => r.Region === 'ap-guangzhou' && r.RegionState === 'AVAILABLE'));
    assert.equal(regions.TotalCount, regions.RegionSet.length);
    assert.equal(ok('DescribeRegions', {}, { headers: { 'x-tc-language': 'zh-CN' } }).RegionSet.find((r) => r.Region === 'ap-guangzhou').RegionName, '广州');
    const scenes = ok('DescribeScenes', {}).SceneSet;
    assert.ok(scenes.length >= 1);
    const [scene] = scenes;
    assert.deepEqual(ok('DescribeScenes', { SceneIds: [scene.SceneId] }).SceneSet, [scene]);
    const inScene = ok('DescribeCommands', { Filters: [{ Name: 'scene-id', Values: [scene.SceneId] }] }).CommandSet;
    assert.ok(inScene.length >= 1 && inScene.every((c) => c.CreatedBy === 'TAT' && c.Scenes.includes(scene.SceneId)));
  });
});
