// What the bin's commands share: option parsing with a usage text, a client as a Node user
// makes one (credentials as createClient finds them), and how a failure is printed.
import { parseArgs } from 'node:util';
import { open } from 'node:fs/promises';
import * as tat from '../../index.mjs';

export { tat };

/** Exit statuses: 0 success, 1 the work failed (a task, a validation), 2 bad usage, 3 a refused or failed request. */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2, request: 3 });

export class UsageError extends Error {}

/**
 * Parses `args` against `options` (node:util parseArgs) with --help; returns { values,
 * positionals }, or null when --help was asked (the usage is printed). A bad option throws a
 * UsageError.
 */
export function parse(args, options, usage, { positionals = false } = {}) {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: positionals, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    throw new UsageError(e.message);
  }
  if (parsed.values.help) {
    console.log(usage);
    return null;
  }
  return parsed;
}

/** Runs a command's body: a UsageError prints the usage (exit 2), a package error its code and message (exit 3). */
export async function guarded(usage, body) {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${usage}`);
      return EXIT.usage;
    }
    console.error(describe(e));
    return EXIT.request;
  }
}

/** An error as one or more lines: the code, the message, the refused fields, and what ran. */
export function describe(e) {
  const lines = [`error: ${e?.code ? `${e.code}: ` : ''}${e?.message ?? e}`];
  for (const p of Array.isArray(e?.errors) ? e.errors : []) lines.push(`  ${p.field}: ${p.message} (${p.code})`);
  if (e?.requestId) lines.push(`  RequestId: ${e.requestId}`);
  if (e?.outcome) lines.push(`  outcome: ${e.outcome}`);
  for (const inv of Array.isArray(e?.invocations) ? e.invocations : []) lines.push(`  started: ${inv.InvocationId} on ${(inv.InstanceIds ?? []).join(', ')}`);
  return lines.join('\n');
}

/** The client options common to run and shell: --region and --endpoint. */
export const CLIENT_OPTIONS = {
  region: { type: 'string' },
  endpoint: { type: 'string' },
};

export const CLIENT_USAGE = `  --region REGION     the API's region (default: ap-guangzhou)
  --endpoint URL      where requests go (default: https://tat.tencentcloudapi.com/), e.g. the
                      emulator's http://127.0.0.1:9000/
Credentials as createClient finds them: TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY
(and TENCENTCLOUD_SESSION_TOKEN), else ~/.tencentcloud/credentials.`;

/** A client from --region and --endpoint; the package refuses a bad value with a TatError. */
export function client(values) {
  const options = { region: values.region ?? 'ap-guangzhou' };
  if (values.endpoint !== undefined) options.endpoint = values.endpoint;
  return tat.createClient(options);
}

/** A list option given as `A,B` and/or repeated. */
export const listOf = (values) => [values ?? []].flat().flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

/** A whole number of seconds from an option, or undefined; the package checks the range. */
export function integer(text, name) {
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number, not ${text}`);
  return Number(text);
}

/**
 * Ctrl-C handling for a command that waits on invocations: the first SIGINT calls
 * `onFirst()` (cancels), the second stops waiting at once. Returns a function that removes it.
 */
export function onInterrupt(onFirst, signalController) {
  let count = 0;
  const handler = () => {
    count += 1;
    if (count === 1) onFirst();
    else signalController.abort(new Error('interrupted'));
  };
  process.on('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}

/** The API's largest request body (TC3-HMAC-SHA256 POST): no input of a command is read past it. */
export const INPUT_MAX_BYTES = 10 * 1024 * 1024;

/** A file's text, or stdin's for "-" or none; past INPUT_MAX_BYTES a UsageError, without reading further. */
export async function readInput(path) {
  const chunks = [];
  let size = 0;
  const take = (chunk) => {
    size += chunk.length;
    if (size > INPUT_MAX_BYTES) throw new UsageError(`${path ?? 'stdin'} is larger than ${INPUT_MAX_BYTES} bytes.`);
    chunks.push(chunk);
  };
  if (path === undefined || path === '-') {
    for await (const chunk of process.stdin) take(chunk);
  } else {
    let file;
    try {
      file = await open(path);
    } catch (e) {
      throw new UsageError(`${path}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
    }
    try {
      for await (const chunk of file.createReadStream()) take(chunk);
    } finally {
      await file.close().catch(() => {});
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}
