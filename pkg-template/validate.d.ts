// tat-request/validate: validation without the signer and the client. The declarations are
// the main entry's (index.d.ts), re-exported, so that both entries describe the same values.
export {
  validate,
  validateRunCommand,
  describeError,
  describeTaskStatus,
  encodeContent,
  decodeOutput,
  listPlaceholders,
  previewContent,
  limits,
  initSync,
  default,
} from './index.js';
export type {
  ValidateOptions,
  ValidationResult,
  Problem,
  FieldError,
  TatError,
  Tag,
  Language,
  LanguageArg,
  RuleSetName,
  Limits,
  ErrorDescription,
  TaskStatusDescription,
  ContentPreview,
  RunCommandParams,
  InitSource,
} from './index.js';
import type { InitSource } from './index.js';

/**
 * Makes a language's messages available to every function. `en-US` is always there. `zh-CN`:
 * browsers fetch the bilingual module (from beside the entry, or `input`) and use it from then
 * on, and calls that ask for zh-CN before it is loaded throw a `TatError` saying so; Node loads
 * it by itself on the first call that asks for zh-CN, so awaiting this there is optional.
 */
export function loadLanguage(
  language: 'en-US' | 'zh-CN',
  input?: { module_or_path?: InitSource | Promise<InitSource> } | InitSource,
): Promise<void>;
