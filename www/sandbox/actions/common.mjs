// What several actions share: paging, filters, instance checks and the package's verdict.
import { ApiError } from '../answer.mjs';
import { findInstance, supportsCommandType } from '../fleet.mjs';

export const list = (v) => (Array.isArray(v) ? v : []);
export const str = (v, fallback = '') => (typeof v === 'string' ? v : fallback);

/** Offset and Limit as the service reads them: 20 by default, 100 at most. */
export function page(items, params) {
  const offset = Number.isInteger(params.Offset) && params.Offset > 0 ? params.Offset : 0;
  const limit = Number.isInteger(params.Limit) && params.Limit > 0 ? Math.min(params.Limit, 100) : 20;
  return items.slice(offset, offset + limit);
}

/**
 * Filters as the service reads them: every filter must match, any of its values. `fields`
 * maps a filter name to a getter of the item's value (a string or a list of strings); a
 * `tag:` name matches the item's Tags. A name the action does not have is refused, as the
 * service would: the package only warns about it (its lists may be behind the service's),
 * but this emulator stands for the service and knows exactly which names it has.
 */
export function filterer(filters, fields) {
  const rules = list(filters).map((f) => {
    const values = new Set(list(f.Values));
    if (typeof f.Name === 'string' && f.Name.startsWith('tag:')) {
      const key = f.Name.slice(4);
      return (item) => list(item.Tags).some((t) => t.Key === key && values.has(t.Value));
    }
    const get = Object.hasOwn(fields, f.Name) ? fields[f.Name] : undefined;
    if (!get) throw new ApiError('InvalidParameterValue.InvalidFilter', `Unknown filter name \`${String(f.Name).slice(0, 64)}\`.`);
    return (item) => [get(item)].flat().some((v) => values.has(String(v)));
  });
  return (item) => rules.every((rule) => rule(item));
}

/** The items whose ID is listed (all when none are), then filtered. */
export function select(items, ids, idOf, filters, fields) {
  const wanted = new Set(list(ids));
  const match = filterer(filters, fields);
  return items.filter((item) => (wanted.size ? wanted.has(idOf(item)) : true) && match(item));
}

/** "A and B cannot both be given", as the documents say of IDs and Filters. */
export function conflict(params, a, b) {
  if (params[a] != null && params[b] != null) {
    throw new ApiError('InvalidParameter.ConflictParameter', `${a} and ${b} cannot be given together.`);
  }
}

/** An instance of the fleet, a local one (--exec) or one of the account's managed instances. */
export function instanceOf(id, account) {
  return findInstance(id) ?? account.localInstances?.get(id) ?? account.registerInstances.get(id)?.instance;
}

/**
 * The instances a command is sent to, checked as RunCommand documents: unknown IDs, stopped
 * instances, offline agents, then command types the agent cannot run.
 */
export function runnableInstances(ids, type, account) {
  const instances = ids.map((id) => instanceOf(id, account));
  const unknown = ids.filter((_, n) => !instances[n]);
  if (unknown.length) throw new ApiError('ResourceNotFound.InstanceNotFound', `Instances not found: ${unknown.join(', ')}.`);
  const stopped = instances.filter((i) => i.state !== 'RUNNING');
  if (stopped.length) {
    throw new ApiError('ResourceUnavailable.InstanceStateNotRunning', `Instances not running: ${stopped.map((i) => `${i.InstanceId} (${i.state})`).join(', ')}.`);
  }
  // Documented choice: like the service ("If the agent is ... offline, an error is
  // returned"), an offline agent refuses the whole request rather than failing its task.
  const offline = instances.filter((i) => i.agent !== 'Online');
  if (offline.length) throw new ApiError('ResourceUnavailable.AgentStatusNotOnline', `TAT agent offline on: ${offline.map((i) => i.InstanceId).join(', ')}.`);
  const unsupported = instances.filter((i) => !supportsCommandType(i, type));
  if (unsupported.length) {
    throw new ApiError('InvalidParameterValue.AgentUnsupportedCommandType', `The agent cannot run ${type} on: ${unsupported.map((i) => `${i.InstanceId} (${i.os})`).join(', ')}.`);
  }
  return instances;
}

/** Every instance ID must exist (an invoker's targets may be offline when it is created). */
export function knownInstances(ids, account) {
  const unknown = list(ids).filter((id) => !instanceOf(id, account));
  if (unknown.length) throw new ApiError('ResourceNotFound.InstanceNotFound', `Instances not found: ${unknown.join(', ')}.`);
}
