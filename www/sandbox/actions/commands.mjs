// Commands: CreateCommand, DescribeCommands (the account's own beside the public commands
// created by TAT), ModifyCommand, DeleteCommand, DeleteCommands, InvokeCommand.
import { ApiError, withinAnswerLimit } from '../answer.mjs';
import { newId } from '../fleet.mjs';
import { iso } from '../clock.mjs';
import { LIMITS } from '../state.mjs';
import { list, str, page, select, conflict, runnableInstances } from './common.mjs';
import { createInvocation } from './invocations.mjs';

const WORKDIR = { SHELL: '/root', POWERSHELL: 'C:\\Program Files\\qcloud\\tat_agent\\workdir', BAT: 'C:\\Program Files\\qcloud\\tat_agent\\workdir' };
const USER = { SHELL: 'root', POWERSHELL: 'System', BAT: 'System' };

/** The public scenes (DescribeScenes) that public commands belong to. */
export const SCENES = Object.freeze([
  { SceneId: 'sc-diagnose', SceneName: 'System diagnosis', CreatedBy: 'TAT', CreatedTime: '2020-11-02T02:48:11Z', UpdatedTime: '2020-11-02T02:48:11Z' },
  { SceneId: 'sc-software', SceneName: 'Software installation', CreatedBy: 'TAT', CreatedTime: '2020-11-02T02:48:11Z', UpdatedTime: '2020-11-02T02:48:11Z' },
]);

const text = (s) => Buffer.from(s, 'utf8').toString('base64');
const PUBLIC_TIME = '2021-01-01T00:00:00Z';
/** Public commands, created by TAT, which every account sees and none may change. */
export const PUBLIC_COMMANDS = Object.freeze([
  ['cmd-tatdisk1', 'TAT_Check_Disk_Usage', 'Shows the disk usage of every file system.', 'df -h', 'SHELL', 'sc-diagnose'],
  ['cmd-tatload1', 'TAT_Check_Load', 'Shows the load average and the busiest processes.', 'uptime\ntop -b -n 1 | head -n 20', 'SHELL', 'sc-diagnose'],
  ['cmd-tatpkg01', 'TAT_Install_Package', 'Installs a package with the system\'s package manager.', 'yum install -y {{package}} || apt-get install -y {{package}}', 'SHELL', 'sc-software'],
  ['cmd-tatwin01', 'TAT_Windows_Disk_Usage', 'Shows the free space of every drive.', 'Get-PSDrive -PSProvider FileSystem', 'POWERSHELL', 'sc-diagnose'],
].map(([CommandId, CommandName, Description, script, CommandType, scene]) => Object.freeze({
  CommandId,
  CommandName,
  Description,
  Content: text(script),
  CommandType,
  WorkingDirectory: WORKDIR[CommandType],
  Timeout: 60,
  CreatedTime: PUBLIC_TIME,
  UpdatedTime: PUBLIC_TIME,
  EnableParameter: script.includes('{{'),
  DefaultParameters: script.includes('{{') ? '{"package":"htop"}' : '{}',
  DefaultParameterConfs: [],
  Scenes: [scene],
  FormattedDescription: Description,
  CreatedBy: 'TAT',
  Tags: [],
  Username: USER[CommandType],
  OutputCOSBucketUrl: '',
  OutputCOSKeyPrefix: '',
})));

/** A command's fields with the service's defaults for those not given. */
export function commandDefaults(params) {
  const type = str(params.CommandType) || 'SHELL';
  const confs = list(params.DefaultParameterConfs).map((c) => ({ ParameterName: str(c.ParameterName), ParameterValue: str(c.ParameterValue), ParameterDescription: str(c.ParameterDescription) }));
  // DefaultParameterConfs, the newer form of DefaultParameters, give the same defaults.
  const defaults = str(params.DefaultParameters) || (confs.length ? JSON.stringify(Object.fromEntries(confs.map((c) => [c.ParameterName, c.ParameterValue]))) : '{}');
  return {
    CommandId: params.CommandId,
    CommandName: str(params.CommandName),
    Description: str(params.Description),
    Content: params.Content,
    CommandType: type,
    WorkingDirectory: str(params.WorkingDirectory) || WORKDIR[type],
    Timeout: Number.isInteger(params.Timeout) ? params.Timeout : 60,
    EnableParameter: params.EnableParameter === true,
    DefaultParameters: defaults,
    DefaultParameterConfs: confs,
    Scenes: [],
    FormattedDescription: '',
    CreatedBy: 'USER',
    Tags: list(params.Tags).map((t) => ({ Key: str(t.Key), Value: str(t.Value) })),
    Username: str(params.Username) || USER[type],
    OutputCOSBucketUrl: str(params.OutputCOSBucketUrl),
    OutputCOSKeyPrefix: str(params.OutputCOSKeyPrefix),
  };
}

function nameTaken(account, name, exceptId) {
  for (const c of account.commands.values()) if (c.CommandName === name && c.CommandId !== exceptId) return true;
  return false;
}

/** Keeps a new command in the account (CreateCommand, RunCommand with SaveCommand). */
export function saveCommand({ account, nowMs }, command) {
  if (!command.CommandName) throw new ApiError('MissingParameter', 'CommandName is required to save a command.');
  if (nameTaken(account, command.CommandName)) throw new ApiError('InvalidParameterValue.CommandNameDuplicated', `A saved command is already named ${command.CommandName}.`);
  if (account.commands.size >= LIMITS.commands) throw new ApiError('ResourceUnavailable.UserHasNoQuotaCode', `An account keeps at most ${LIMITS.commands} commands (DescribeQuotas).`);
  command.CreatedTime = iso(nowMs);
  command.UpdatedTime = command.CreatedTime;
  account.commands.set(command.CommandId, command);
}

/** A command the account may run: its own or a public one. */
export function findCommand(account, id) {
  const command = account.commands.get(id) ?? PUBLIC_COMMANDS.find((c) => c.CommandId === id);
  if (!command) throw new ApiError('ResourceNotFound.CommandNotFound', `No command ${id} in this account.`);
  return command;
}

/** A command the account may change: its own only. */
function ownCommand(account, id) {
  const command = account.commands.get(id);
  if (!command) {
    const what = PUBLIC_COMMANDS.some((c) => c.CommandId === id) ? 'is a public command, which cannot be changed' : 'does not exist in this account';
    throw new ApiError('ResourceNotFound.CommandNotFound', `${id} ${what}.`);
  }
  return command;
}

function createCommand(params, ctx) {
  const command = commandDefaults({ ...params, CommandId: newId('cmd') });
  saveCommand(ctx, command);
  return { CommandId: command.CommandId };
}

function describeCommands(params, ctx) {
  conflict(params, 'CommandIds', 'Filters');
  const all = [...ctx.account.commands.values()].reverse().concat(PUBLIC_COMMANDS);
  const commands = select(all, params.CommandIds, (c) => c.CommandId, params.Filters, {
    'command-id': (c) => c.CommandId,
    'command-name': (c) => c.CommandName,
    'command-type': (c) => c.CommandType,
    'scene-id': (c) => c.Scenes,
    'created-by': (c) => c.CreatedBy,
    'tag-key': (c) => c.Tags.map((t) => t.Key),
    'tag-value': (c) => c.Tags.map((t) => t.Value),
  });
  const shown = page(commands, params);
  // Sized before it is sent: 100 commands of a 1 MiB DefaultParameters each would be 100 MB.
  withinAnswerLimit(shown.reduce((n, c) => n + c.Content.length + (c.DefaultParameters?.length ?? 0) + (c.Description?.length ?? 0)
    + JSON.stringify(c.DefaultParameterConfs ?? []).length + 1024, 0));
  return { TotalCount: commands.length, CommandSet: shown };
}

const MODIFIABLE = ['CommandName', 'Description', 'Content', 'CommandType', 'WorkingDirectory', 'Timeout', 'DefaultParameters', 'DefaultParameterConfs', 'Username', 'OutputCOSBucketUrl', 'OutputCOSKeyPrefix'];

function modifyCommand(params, ctx) {
  const command = ownCommand(ctx.account, params.CommandId);
  if (params.CommandName && nameTaken(ctx.account, params.CommandName, command.CommandId)) {
    throw new ApiError('InvalidParameterValue.CommandNameDuplicated', `A saved command is already named ${params.CommandName}.`);
  }
  if (params.DefaultParameters && !command.EnableParameter) {
    throw new ApiError('InvalidParameterValue.ParameterDisabled', `${command.CommandId} was created without EnableParameter.`);
  }
  const changed = commandDefaults({ ...command, ...Object.fromEntries(MODIFIABLE.filter((k) => params[k] != null && params[k] !== '').map((k) => [k, params[k]])) });
  for (const k of MODIFIABLE) command[k] = changed[k];
  command.UpdatedTime = iso(ctx.nowMs);
  return {};
}

/** Why a command cannot be deleted now: an invoker uses it, or one of its invocations runs. */
function checkDeletable(ctx, command) {
  for (const invoker of ctx.account.invokers.values()) {
    if (invoker.CommandId === command.CommandId) throw new ApiError('ResourceUnavailable.CommandInInvoker', `${command.CommandId} is used by the invoker ${invoker.InvokerId}.`);
  }
}

function deleteCommand(params, ctx) {
  checkDeletable(ctx, ownCommand(ctx.account, params.CommandId));
  ctx.account.commands.delete(params.CommandId);
  return {};
}

function deleteCommands(params, ctx) {
  const commands = params.CommandIds.map((id) => ownCommand(ctx.account, id));
  for (const c of commands) checkDeletable(ctx, c);
  for (const c of commands) ctx.account.commands.delete(c.CommandId);
  return {};
}

/** The values a run of a saved command uses: the request's, over the command's. */
export function invocationCommand(command, params) {
  if (params.Parameters && params.Parameters !== '{}' && !command.EnableParameter) {
    throw new ApiError('InvalidParameterValue.ParameterDisabled', `${command.CommandId} was created without EnableParameter.`);
  }
  return {
    ...command,
    Username: str(params.Username) || command.Username,
    WorkingDirectory: str(params.WorkingDirectory) || command.WorkingDirectory,
    Timeout: Number.isInteger(params.Timeout) ? params.Timeout : command.Timeout,
    OutputCOSBucketUrl: str(params.OutputCOSBucketUrl) || command.OutputCOSBucketUrl,
    OutputCOSKeyPrefix: str(params.OutputCOSKeyPrefix) || command.OutputCOSKeyPrefix,
  };
}

function invokeCommand(params, ctx) {
  const command = invocationCommand(findCommand(ctx.account, params.CommandId), params);
  const instances = runnableInstances(params.InstanceIds, command.CommandType, ctx.account);
  const inv = createInvocation(ctx, { command, instances, Parameters: str(params.Parameters, '{}') });
  return { InvocationId: inv.InvocationId };
}

export const ACTIONS = {
  CreateCommand: createCommand,
  DescribeCommands: describeCommands,
  ModifyCommand: modifyCommand,
  DeleteCommand: deleteCommand,
  DeleteCommands: deleteCommands,
  InvokeCommand: invokeCommand,
};
