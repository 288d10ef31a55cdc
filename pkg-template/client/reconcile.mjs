// Reconciliation: after a RunCommand or InvokeCommand whose outcome is unknown, look on the
// service for the invocation it may have made, before anything is sent again. Candidates are
// the invocations on the request's first instance (DescribeInvocationTasks, first and last page)
// created from SKEW_MS before the first attempt left, that this client does not hold already
// (a deliberate second run of the same script is a new invocation: never taken for the lost
// one); DescribeInvocations then gives their content, command and instances, which must be the
// request's exactly. The oldest match is adopted.

/** How far the service's clock may be behind the client's when it dates an invocation. */
export const SKEW_MS = 30_000;

/**
 * Invocation IDs this client made or adopted recently, for reconciliation to skip: those older
 * than KEEP_MS are forgotten (reconciliation looks back SKEW_MS), so a long-lived client keeps
 * at most the invocations of its last KEEP_MS.
 */
const KEEP_MS = 15 * 60_000;
export function heldInvocations() {
  const held = new Map(); // InvocationId -> when it was added (ms); insertion order is time order
  return {
    add(id, nowMs = Date.now()) {
      held.set(id, nowMs);
      for (const [k, t] of held) {
        if (nowMs - t <= KEEP_MS) break;
        held.delete(k);
      }
    },
    has: (id) => held.has(id),
  };
}

const sameSet = (a, b) => a.length === b.length && new Set([...a, ...b]).size === new Set(a).size;

/** Whether the invocation `inv` (DescribeInvocations) is what `params` of `action` would make. */
function matches(action, params, inv) {
  const instances = Array.isArray(inv.InvocationTaskBasicInfoSet) ? inv.InvocationTaskBasicInfoSet.map((t) => t.InstanceId) : [];
  if (!sameSet(instances, params.InstanceIds)) return false;
  if ((params.Parameters ?? '{}') !== '{}' && !sameJson(params.Parameters, inv.Parameters)) return false;
  if (action === 'InvokeCommand') return inv.CommandId === params.CommandId;
  return inv.CommandContent === params.Content && inv.CommandType === (params.CommandType ?? 'SHELL');
}

function sameJson(a, b) {
  try {
    const canon = (s) => JSON.stringify(Object.entries(JSON.parse(s)).sort());
    return canon(a) === canon(b);
  } catch {
    return a === b;
  }
}

/**
 * Looks for the invocation of `action(params)` sent at `sentMs` or later. `read(action,
 * params)` sends a read (retried as reads are). Resolves { invocation, candidates } where
 * invocation is the DescribeInvocations item adopted, or null.
 */
export async function findInvocation({ action, params, sentMs, held, read }) {
  const instance = params.InstanceIds?.[0];
  if (typeof instance !== 'string') return { invocation: null, candidates: 0 };
  const byInstance = (Offset) => read('DescribeInvocationTasks', {
    Filters: [{ Name: 'instance-id', Values: [instance] }],
    Limit: 100,
    Offset,
    HideOutput: true,
  });
  const first = await byInstance(0);
  const set = Array.isArray(first.InvocationTaskSet) ? [...first.InvocationTaskSet] : [];
  // The API does not document its order: with more than a page, the last page is read too
  // (the newest are at one end or the other). Two reads at most.
  const total = Number(first.TotalCount ?? 0);
  if (total > 100) {
    const last = await byInstance(total - 100);
    if (Array.isArray(last.InvocationTaskSet)) set.push(...last.InvocationTaskSet);
  }
  const since = sentMs - SKEW_MS;
  const ids = [];
  for (const t of set) {
    const created = Date.parse(t.CreatedTime ?? '');
    if (typeof t.InvocationId !== 'string' || held.has(t.InvocationId) || ids.includes(t.InvocationId)) continue;
    if (Number.isFinite(created) && created < since) continue;
    ids.push(t.InvocationId);
  }
  if (!ids.length) return { invocation: null, candidates: 0 };
  const found = await read('DescribeInvocations', { InvocationIds: ids.slice(0, 100), Limit: 100 });
  const invocations = Array.isArray(found.InvocationSet) ? found.InvocationSet : [];
  const matching = invocations.filter((inv) => matches(action, params, inv))
    .sort((a, b) => String(a.CreatedTime).localeCompare(String(b.CreatedTime)));
  return { invocation: matching[0] ?? null, candidates: ids.length };
}

/**
 * After a CreateCommand (or a RunCommand saving its command) whose outcome was unknown met its
 * own name: the command of that name, adopted when it is the request's (same content and type)
 * and was created since the request left.
 */
export async function findNamedCommand({ params, read, sinceMs = Date.now() }) {
  const found = await read('DescribeCommands', { Filters: [{ Name: 'command-name', Values: [params.CommandName] }], Limit: 100 });
  const set = Array.isArray(found.CommandSet) ? found.CommandSet : [];
  // Made by the lost request: created since it left (a command of that name from before is
  // someone else's, and the refusal stands).
  const recent = (c) => !(Date.parse(c.CreatedTime ?? '') < sinceMs - SKEW_MS);
  return set.find((c) => c.CommandName === params.CommandName && c.Content === params.Content
    && c.CommandType === (params.CommandType ?? 'SHELL') && c.CreatedBy !== 'TAT' && recent(c)) ?? null;
}
