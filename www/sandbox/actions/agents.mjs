// Agents and TAT managed instances: DescribeAutomationAgentStatus (the fleet's agents and the
// account's managed instances), register codes (Create, Describe, Disable, Delete) and the
// register instances (Describe, Modify, Delete). No machine ever registers: every account
// starts with the managed instances of fleet.mjs (MANAGED), which it may rename or delete.
import { randomBytes, randomUUID } from 'node:crypto';
import { ApiError } from '../answer.mjs';
import { FLEET } from '../fleet.mjs';
import { iso } from '../clock.mjs';
import { LIMITS } from '../state.mjs';
import { list, str, page, select, conflict, instanceOf } from './common.mjs';

/** What the simulated agents report. */
const AGENT_VERSION = '1.1.10';
const FEATURES = ['SESSION_MANAGER'];
/** An online agent's last heartbeat is this long ago (SANDBOX_SPEED divides it), an offline one's a day. */
const HEARTBEAT_MS = 30_000;

function agentInfo(instance, { nowMs, speed }) {
  const online = instance.agent === 'Online';
  return {
    InstanceId: instance.InstanceId,
    Version: AGENT_VERSION,
    LastHeartbeatTime: iso(nowMs - (online ? HEARTBEAT_MS / speed : 86_400_000)),
    AgentStatus: instance.agent,
    Environment: instance.os === 'windows' ? 'Windows' : 'Linux',
    SupportFeatures: FEATURES,
  };
}

function describeAutomationAgentStatus(params, ctx) {
  conflict(params, 'InstanceIds', 'Filters');
  const ids = list(params.InstanceIds);
  let instances;
  if (ids.length) {
    instances = ids.map((id) => instanceOf(id, ctx.account));
    const unknown = ids.filter((_, n) => !instances[n]);
    if (unknown.length) throw new ApiError('ResourceNotFound.InstanceNotFound', `Instances not found: ${unknown.join(', ')}.`);
  } else {
    instances = [...FLEET, ...(ctx.account.localInstances?.values() ?? []), ...[...ctx.account.registerInstances.values()].map((r) => r.instance)];
  }
  const agents = select(instances.map((i) => agentInfo(i, ctx)), null, null, params.Filters, {
    'agent-status': (a) => a.AgentStatus,
    environment: (a) => a.Environment,
    'instance-id': (a) => a.InstanceId,
  });
  return { AutomationAgentSet: page(agents, params), TotalCount: agents.length };
}

/** CreateRegisterCode's EffectiveTime: hours, 4 by default; above 99999 the code never expires. */
const NEVER_EXPIRES = 99999;

function createRegisterCode(params, ctx) {
  const { account, nowMs, speed } = ctx;
  if (account.registerCodes.size >= LIMITS.registerCodes) {
    throw new ApiError('ResourceUnavailable.UserHasNoQuotaCode', `An account keeps at most ${LIMITS.registerCodes} register codes (DescribeQuotas).`);
  }
  const hours = Number.isInteger(params.EffectiveTime) ? params.EffectiveTime : 4;
  const code = {
    RegisterCodeId: randomUUID(), // the form of the document's examples
    value: randomBytes(16).toString('hex'),
    Description: str(params.Description),
    InstanceNamePrefix: str(params.InstanceNamePrefix),
    RegisterLimit: Number.isInteger(params.RegisterLimit) ? params.RegisterLimit : 10,
    // A duration, so SANDBOX_SPEED divides it; "never" is shown as the year 9999.
    expiresMs: hours > NEVER_EXPIRES ? Date.UTC(9999, 11, 31) : nowMs + (hours * 3_600_000) / speed,
    IpAddressRange: str(params.IpAddressRange),
    Enabled: true,
    CreatedTime: iso(nowMs),
    UpdatedTime: iso(nowMs),
  };
  account.registerCodes.set(code.RegisterCodeId, code);
  return { RegisterCodeId: code.RegisterCodeId, RegisterCodeValue: code.value };
}

function describeRegisterCodes(params, ctx) {
  const codes = select([...ctx.account.registerCodes.values()].reverse(), params.RegisterCodeIds, (c) => c.RegisterCodeId, null, {});
  return {
    TotalCount: codes.length,
    RegisterCodeSet: page(codes, params).map((c) => ({
      RegisterCodeId: c.RegisterCodeId,
      Description: c.Description,
      InstanceNamePrefix: c.InstanceNamePrefix,
      RegisterLimit: c.RegisterLimit,
      ExpiredTime: iso(c.expiresMs),
      IpAddressRange: c.IpAddressRange,
      Enabled: c.Enabled && c.expiresMs > ctx.nowMs,
      RegisteredCount: 0,
      CreatedTime: c.CreatedTime,
      UpdatedTime: c.UpdatedTime,
    })),
  };
}

function registerCodes(account, ids) {
  const missing = ids.filter((id) => !account.registerCodes.has(id));
  if (missing.length) throw new ApiError('ResourceNotFound.RegisterCodesNotFoundCode', `Register codes not found: ${missing.join(', ')}.`);
  return ids.map((id) => account.registerCodes.get(id));
}

function disableRegisterCodes(params, ctx) {
  for (const c of registerCodes(ctx.account, params.RegisterCodeIds)) {
    c.Enabled = false;
    c.UpdatedTime = iso(ctx.nowMs);
  }
  return {};
}

function deleteRegisterCodes(params, ctx) {
  for (const c of registerCodes(ctx.account, params.RegisterCodeIds)) ctx.account.registerCodes.delete(c.RegisterCodeId);
  return {};
}

function registerInstance(account, id) {
  const r = account.registerInstances.get(id);
  if (!r) throw new ApiError('ResourceNotFound.RegisterInstanceNotFoundCode', `No managed instance ${id} in this account.`);
  return r;
}

function describeRegisterInstances(params, ctx) {
  conflict(params, 'InstanceIds', 'Filters');
  const views = [...ctx.account.registerInstances.values()].map(({ instance: i, ...r }) => ({
    RegisterCodeId: r.RegisterCodeId,
    InstanceId: i.InstanceId,
    InstanceName: r.InstanceName,
    MachineId: `${i.InstanceId.slice(3)}-0000-4000-8000-000000000000`,
    SystemName: i.os === 'windows' ? 'Windows' : 'Linux',
    HostName: i.HostName,
    LocalIp: i.LocalIp,
    PublicKey: '',
    Status: i.agent,
    CreatedTime: r.CreatedTime,
    UpdatedTime: r.UpdatedTime,
    Tags: i.Tags,
  }));
  const instances = select(views, params.InstanceIds, (v) => v.InstanceId, params.Filters, {
    'instance-name': (v) => v.InstanceName,
    'instance-id': (v) => v.InstanceId,
    'register-status': (v) => v.Status,
    'local-ip': (v) => v.LocalIp,
    'register-code-id': (v) => v.RegisterCodeId,
    'sys-name': (v) => v.SystemName,
    'tag-key': (v) => v.Tags.map((t) => t.Key),
    'tag-value': (v) => v.Tags.map((t) => t.Value),
  });
  return { TotalCount: instances.length, RegisterInstanceSet: page(instances, params) };
}

function modifyRegisterInstance(params, ctx) {
  const r = registerInstance(ctx.account, params.InstanceId);
  r.InstanceName = params.InstanceName;
  r.UpdatedTime = iso(ctx.nowMs);
  return {};
}

function deleteRegisterInstance(params, ctx) {
  registerInstance(ctx.account, params.InstanceId);
  ctx.account.registerInstances.delete(params.InstanceId);
  return {};
}

export const ACTIONS = {
  DescribeAutomationAgentStatus: describeAutomationAgentStatus,
  CreateRegisterCode: createRegisterCode,
  DescribeRegisterCodes: describeRegisterCodes,
  DisableRegisterCodes: disableRegisterCodes,
  DeleteRegisterCodes: deleteRegisterCodes,
  DescribeRegisterInstances: describeRegisterInstances,
  ModifyRegisterInstance: modifyRegisterInstance,
  DeleteRegisterInstance: deleteRegisterInstance,
};
