// Types of tat-request: the same for the Node entries (ESM; index.d.cts is this file for
// CommonJS, with `init` instead of a default export) and the browser entries. Written for
// TypeScript >= 5.0 with any `lib` (no DOM, no `reference lib`): the names that only some
// environments declare (AbortSignal, WebAssembly, Symbol.dispose) are read from the global
// scope when it has them. Every action's request and answer are generated from api.json
// into actions.d.ts.
import type { ActionName, ActionRequest, ActionResponse, RunCommandRequest, InvocationTask } from './actions.js';
export type * from './actions.js';

/** The global `AbortSignal` where the environment declares one (DOM or @types/node), else its shape. */
export type AbortSignalType = typeof globalThis extends { AbortSignal: { prototype: infer S } }
  ? S
  : { readonly aborted: boolean; readonly reason?: unknown };
/** `WebAssembly.Module` where the environment declares it, else any object. */
type WasmModuleType = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : object;
/** Bytes of the module: an ArrayBuffer or a view of one. */
type WasmBytes = ArrayBuffer | ArrayBufferView;
/** `[Symbol.dispose]` where the environment has it (ES2022 libs do not). */
type DisposeMember = typeof Symbol extends { readonly dispose: infer D extends symbol } ? { [K in D]: () => void } : {};

/** Message language. `en-US` by default. */
export type Language = 'en-US' | 'zh-CN';

/** `seed`: the RunCommand document exactly (default). `latest`: what the service has grown since. */
export type RuleSetName = 'seed' | 'latest';

export interface ValidateOptions {
  rules?: RuleSetName;
  language?: Language;
}

/** One problem with one parameter: an error or a warning (the same shape). */
export interface FieldError {
  /** The API parameter, with an index or key where it helps: `InstanceIds[3]`, `Parameters.varA`. */
  field: string;
  /** The service's error code, such as `InvalidParameterValue.Range`. */
  code: string;
  /** A message in the requested language. */
  message: string;
}

/** The same shape as `FieldError`, as DESIGN names it. */
export type Problem = FieldError;

/**
 * `valid` is false when there is an error. Errors are refusals a document states; warnings are
 * what the rules only suspect and never make a request invalid (see docs/RULES.md). Each list
 * holds at most 100 problems, then one more (field `''`) saying how many were left out.
 */
export interface ValidationResult {
  valid: boolean;
  errors: FieldError[];
  warnings: FieldError[];
}

/** `error` (default): the rules' errors refuse the request. `warn`: build and sign anyway, errors turned into warnings. */
export type ValidationMode = 'error' | 'warn';

/** Every value this package throws: an `Error` named `TatError` with the code that explains it. */
export interface TatError extends Error {
  name: 'TatError';
  /** The service's code (`UnknownParameter`, ...), or the package's own (`ModuleNotInitialized`: a browser entry used before `await init()`). */
  code: string;
  /** Present when the parameters of a request were refused: every problem. */
  errors?: FieldError[];
  /** What the rules only suspect, beside `errors`. */
  warnings?: FieldError[];
}

/** The parameters of RunCommand (API 2020-10-28), as api.json gives them (with `DefaultParameterConfs`). */
export type RunCommandParams = RunCommandRequest;

export interface BuildRequestInput<A extends ActionName = ActionName> {
  /** The API action, such as `RunCommand`. */
  action: A;
  /** The action's parameters; validated first. */
  params: ActionRequest<A>;
  secretId: string;
  /** Used to sign, never returned, logged or put in an error. */
  secretKey: string;
  /** The token of temporary credentials (recommended in browsers). */
  token?: string;
  region?: string;
  /** Unix time in seconds; `Date.now()` when omitted. */
  timestamp?: number;
  /** `tat.tencentcloudapi.com` when omitted. */
  host?: string;
  /** Sent as `X-TC-Language`, and the language of validation messages. */
  language?: Language;
  rules?: RuleSetName;
  /**
   * `'warn'` builds and signs a request the rules refuse, their errors returned as `warnings`:
   * the way past a rule the service has outgrown. Values that cannot be signed faithfully
   * (NaN, lone surrogates, functions, missing credentials...) are refused either way.
   */
  validation?: ValidationMode;
  /** Also sign `x-tc-action` (the official SDKs sign only `content-type;host`). */
  signActionHeader?: boolean;
}

export interface BuiltRequest {
  url: string;
  method: 'POST';
  /** `Authorization`, `Content-Type`, `Host`, `X-TC-Action`, `X-TC-Version`, `X-TC-Timestamp`, and `X-TC-Region` / `X-TC-Token` / `X-TC-Language` when given. */
  headers: Record<string, string>;
  /** The exact JSON text that was validated and signed: `JSON.stringify(params)` for plain data. */
  body: string;
  /** What the rules only suspect; with `validation: 'warn'`, their errors too. */
  warnings: FieldError[];
}

export interface ErrorDescription {
  code: string;
  message: string;
  /** Whether sending the same request again can succeed. */
  retryable: boolean;
  /** Whether the code itself is known (otherwise the message is its family's). */
  known: boolean;
}

export interface TaskStatusDescription {
  status: string;
  label: string;
  description: string;
  /** Whether the task can no longer change. */
  terminal: boolean;
  known: boolean;
}

export interface ContentPreview {
  /** Distinct `{{placeholder}}` names, in order of first appearance. */
  placeholders: string[];
  /** Placeholders with a value in neither the parameters nor the defaults. */
  missing: string[];
  /** The replaced script, base64. */
  content: string;
  /** The replaced script as text; `null` when it is not UTF-8. */
  text: string | null;
}

export interface Limits {
  contentMaxChars: number;
  instanceIdsMax: number;
  commandNameMaxBytes: number;
  descriptionMaxChars: number;
  commandTypes: string[];
  timeoutMin: number;
  timeoutMax: number;
  tagsMax: number;
  parametersMax: number;
  parameterKeyMaxChars: number;
  cosKeyPrefixMaxChars: number;
  /** A request body, API 3.0's limit for TC3-HMAC-SHA256 POST bodies (10 MB). */
  requestBodyMaxBytes: number;
  /** The replaced script previewContent builds (a local limit of this package, 1 MiB). */
  previewMaxBytes: number;
}

/**
 * Validates RunCommand parameters: every error at once. Data of unknown shape (a form, a
 * file) is what the validator is for: pass it `as RunCommandParams`.
 */
export function validateRunCommand(params: RunCommandParams, options?: ValidateOptions): ValidationResult;
/** Validates the parameters of any of the 29 actions. */
export function validate<A extends ActionName>(action: A, params: ActionRequest<A>, options?: ValidateOptions): ValidationResult;
/**
 * A request that the rules need not accept: with `validation: 'warn'`, any action name and
 * parameters (an action or a parameter newer than the pinned api.json).
 */
export interface UncheckedBuildRequestInput extends Omit<BuildRequestInput, 'action' | 'params' | 'validation'> {
  action: string;
  params: object;
  validation: 'warn';
}
/** Validates, signs (TC3-HMAC-SHA256) and builds a request ready for `fetch`. Throws a `TatError` when invalid. */
export function buildRequest<A extends ActionName>(input: BuildRequestInput<A>): BuiltRequest;
export function buildRequest(input: UncheckedBuildRequestInput): BuiltRequest;
/** The language, given directly or as `{ language }`; `undefined` and `null` mean `en-US`. */
export type LanguageArg = Language | { language?: Language | null } | null;
export function describeError(code: string, language?: LanguageArg): ErrorDescription;
export function describeTaskStatus(status: string, language?: LanguageArg): TaskStatusDescription;
/** UTF-8 text to base64, for `Content`. */
export function encodeContent(text: string): string;
/** Base64 to UTF-8 text, for `Output`. Refuses text that is not UTF-8 unless `lossy: true`. */
export function decodeOutput(base64: string, options?: { lossy?: boolean }): string;
/** The distinct `{{placeholder}}` names of base64 content. */
export function listPlaceholders(content: string, options?: ValidateOptions): string[];
/** Replaces placeholders as `PreviewReplacedCommandContent` does, locally. */
export function previewContent(
  content: string,
  parameters?: string | null,
  defaultParameters?: string | null,
  options?: ValidateOptions,
): ContentPreview;
/** The limits table the validators use. */
export function limits(rules?: RuleSetName): Limits;
/**
 * The current size of the module's WebAssembly memory, in bytes: for tests and monitoring
 * (memory grows to the largest input seen and never shrinks; it must not grow per call).
 */
export function memoryBytes(): number;

/**
 * Splits RunCommand parameters with any number of `InstanceIds` into requests that each pass
 * validation: CVM, Lighthouse and managed instances never mixed, at most the limit each (100 in
 * `seed`). Throws a `TatError` whose `.errors` name the original positions (`InstanceIds[1234]`).
 * `validation: 'warn'` splits whatever the other parameters' errors (a parameter newer than
 * api.json); problems with the IDs themselves still throw.
 */
export function splitRunCommand(params: RunCommandParams, options?: ValidateOptions & { validation?: ValidationMode }): RunCommandParams[];

/** A refused or unreadable response, as `parseResponse` throws it. */
export interface ServiceError extends TatError {
  /** `Response.RequestId`, when the service sent one. */
  requestId?: string;
  /** Whether sending the same request again can succeed. */
  retryable: boolean;
}

/**
 * Reads a response text: returns the `Response` object (with its `RequestId`) of a success,
 * throws a `ServiceError` with the service's code and message for `Response.Error`, and one with
 * code `InvalidResponse` for a text that is not an API response.
 */
export function parseResponse(text: string, language?: LanguageArg): { RequestId: string; [key: string]: unknown };

/**
 * Keeps calls within a rate (the API's 20 per second by default): at most `ratePerSecond` (1 to 1,000,000; 20 by default) calls in any second. Holds at most one
 * second of bookings (16 KB) whatever its rate. A call after `free()`, or on anything but a
 * Pacer, throws a `TatError`.
 */
export type Pacer = {
  /** Books the next call at `now` (ms, rounded up to a whole ms; `Date.now()` when omitted); answers how many ms to wait before sending it. */
  delay(now?: number): number;
  /** Releases the pacer's memory in the module (also `using`, where `Symbol.dispose` exists); later calls throw a `TatError`. */
  free(): void;
} & DisposeMember;
export const Pacer: {
  new (ratePerSecond?: number): Pacer;
  readonly prototype: Pacer;
};

/**
 * `buildRequest` keeps the last credentials' derived signing key (so many requests with the
 * same credentials derive it once a day); this wipes it from memory now. Other credentials
 * replace it anyway.
 */
export function forgetCredentials(): void;

/** Where `init` finds the module: a URL (string or `URL`), a `Request`, a `Response`, bytes or a compiled module. */
export type InitSource = string | { readonly href: string } | WasmBytes | WasmModuleType | object;
/**
 * Browsers: loads the WebAssembly module (from beside the entry file, or the given source);
 * every other function throws a `TatError` (`ModuleNotInitialized`) until it has resolved.
 * `tat-request/inline`: compiles the embedded module. Node: does nothing.
 */
export default function init(input?: { module_or_path?: InitSource | Promise<InitSource> } | InitSource): Promise<unknown>;
/** Loads the module synchronously from bytes or a compiled module. Node: does nothing. */
export function initSync(module?: { module: WasmBytes | WasmModuleType } | WasmBytes | WasmModuleType): unknown;
/**
 * Makes `language` available to every function. 'en-US' always is. Browsers: the zh-CN
 * messages are not in the module `init()` loads (5 KB gzipped that a page in English never
 * downloads); this fetches them (from beside the entry, or `input`: a URL, a `Request`, a
 * `Response` or the bytes of `web/zh-CN.bin`) once, loading the module first if `init()` was not
 * called; until it resolves, a call that asks for zh-CN throws a `TatError`
 * (`InvalidParameterValue`) saying so. `tat-request/inline` and Node have both languages from
 * the start: there it only checks `language`.
 */
export function loadLanguage(
  language: Language,
  input?: { module_or_path?: InitSource | Promise<InitSource> } | InitSource,
): Promise<void>;

// ---- createClient: sending, retries, fleets, waiting (client.mjs) ----

/** Credentials to sign with. `expiresAt` (temporary credentials): a Date or `Date.now()` milliseconds. */
export interface Credentials {
  secretId: string;
  /** Used to sign, never returned, logged or put in an error. */
  secretKey: string;
  /** The token of temporary (STS) credentials. */
  token?: string;
  /** When they stop working; a credentials function is called again 30 s before. */
  expiresAt?: number | Date;
}

export interface ClientOptions {
  /** Explicit credentials (or `credentials`; in Node, neither: the environment, then the profile file). */
  secretId?: string;
  secretKey?: string;
  token?: string;
  /**
   * Credentials, or a function (possibly async) answering them; it is called on the first
   * request and again when fewer than 30 s remain before their `expiresAt`.
   */
  credentials?: Credentials | (() => Credentials | Promise<Credentials>);
  region?: string;
  /** Where requests go: `https://tat.tencentcloudapi.com/` by default, or a relay, or the sandbox. */
  endpoint?: string;
  /** The host the signature covers: the endpoint's host by default. */
  signHost?: string;
  language?: Language;
  rules?: RuleSetName;
  /** Passed to `buildRequest`: `'error'` (default) refuses invalid requests unsent. */
  validation?: 'error' | 'warn';
  /** `globalThis.fetch` by default. */
  fetch?: (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignalType }) => Promise<{ status: number; text(): Promise<string> }>;
  /**
   * Retries of a transient failure: 3 by default. A request that did not run (rate limit,
   * connection refused, credentials) is always safe to retry; after an unknown outcome only
   * what its action allows is sent again (README "When the network fails").
   */
  maxRetries?: number;
  /** Requests a second, per action: 20 by default (the API's limit). */
  ratePerSecond?: number;
  /** How long one attempt may take, in ms: 60000 by default. */
  timeoutMs?: number;
  /**
   * A RunCommand or InvokeCommand whose answer was lost, and whose invocation reconciliation did
   * not find: send it again (`true`), or stop with an unknown outcome (default `false`: at most once).
   */
  resendUnknown?: boolean;
}

/** What is known of a failed request: the service did not act, may have acted, or acted. */
export type Outcome = 'not-run' | 'unknown' | 'ran';

/** Counts of tasks by `TaskStatus`, as they change. */
export interface RunProgress {
  counts: Record<string, number>;
  /** Tasks in a terminal status. */
  finished: number;
  total: number;
}

export interface RunCommandOptions {
  /** Follow the tasks until every one is terminal (default `true`). */
  wait?: boolean;
  signal?: AbortSignalType;
  onProgress?: (progress: RunProgress) => void;
  /** Between rounds of `DescribeInvocationTasks`, in ms: 1000 by default (longer while the service fails or limits). */
  pollIntervalMs?: number;
  /** Each task once it has ended, with its output, as it is read (awaited before the next). */
  onTask?: (task: InvocationTask & { output: string }) => void | Promise<void>;
  /** How long to wait for the tasks, in ms: the command's Timeout plus 10 minutes by default. */
  waitTimeoutMs?: number;
  /**
   * Keep each task's output in the result (default `true`). `false`: the result's tasks have an
   * empty `output` and `TaskResult.Output` and no `CommandDocument` (use `onTask`), so that a
   * fleet of any size holds a few hundred bytes a task.
   */
  keepOutput?: boolean;
}

/** One `RunCommand` answer, with the instances that request carried. */
export interface StartedInvocation {
  InvocationId: string;
  CommandId: string;
  /** Absent when the invocation was found by reconciliation (its own answer was lost). */
  RequestId?: string;
  InstanceIds: string[];
  /** Its answer was lost and the invocation found on the service (reconciliation): adopted, not sent again. */
  reconciled?: boolean;
  /** Its answer was lost, nothing was found, and `resendUnknown` sent it again. */
  resent?: boolean;
  [key: string]: unknown;
}

export interface RunCommandResult {
  invocations: StartedInvocation[];
  /**
   * Every task, terminal, with `output`: its decoded text (lossy for bytes that are not UTF-8),
   * in the order they were read. Empty without `wait`; with `keepOutput: false`, `output` is ''.
   */
  tasks: (InvocationTask & { output: string })[];
}

export interface Client {
  /**
   * Validates, signs, paces, sends and reads one request; resolves the answer's data (with
   * `RequestId`). Rejects with a `TatError`: `.errors` when refused before sending, the
   * service's `code`, `message`, `requestId` and `retryable` otherwise, and always `outcome`;
   * with the signal's reason (an `AbortError`, with `outcome`) when aborted.
   */
  request<A extends ActionName>(action: A, params: ActionRequest<A>, options?: { signal?: AbortSignalType }): Promise<ActionResponse<A>>;
  /** Runs a command on any number of instances (split with `splitRunCommand`) and, by default, waits for every task. */
  runCommand(params: RunCommandParams, options?: RunCommandOptions): Promise<RunCommandResult>;
}

/**
 * Every error the package throws (`instanceof` holds for the core's errors too); merged with
 * the `TatError` interface above (`name`, `code`, `errors`).
 */
export class TatError extends Error {
  constructor(code: string, message: string, details?: object);
  /** Service and network errors: the service's RequestId, and whether retrying can help. */
  requestId?: string;
  retryable?: boolean;
  /** What is known of the request's (or the run's) outcome; see `Outcome`. */
  outcome?: Outcome;
  /** An unknown outcome: the request that may have acted. */
  request?: { action: string; params: object };
  /** An unknown RunCommand/InvokeCommand: what looking for its invocation found. */
  reconciliation?: { searched: boolean; found: null; candidates?: number; error?: string };
  /** runCommand: the invocations that had started when it failed or was aborted. */
  invocations?: StartedInvocation[];
  /** runCommand: the RunCommand requests whose outcome is unknown (lost answer, or in flight at an abort). */
  inFlight?: { action: 'RunCommand'; InstanceIds: string[] }[];
  /** runCommand's WaitTimeout: the tasks read before the deadline. */
  tasks?: (InvocationTask & { output: string })[];
}

/** A client: `request()` and `runCommand()` with credentials, retries, pacing and waiting. */
export function createClient(options?: ClientOptions): Client;
