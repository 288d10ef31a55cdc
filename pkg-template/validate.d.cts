// require('tat-request/validate'): the main entry's CommonJS declarations (index.d.cts, where
// `init` is a named export), re-exported, so that they are written once; loadLanguage is this
// entry's own.
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
  init,
} from './index.cjs';
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
} from './index.cjs';
import type { InitSource } from './index.cjs';

/** Node loads the zh-CN messages by itself on the first call that asks for them: optional here. */
export function loadLanguage(
  language: 'en-US' | 'zh-CN',
  input?: { module_or_path?: InitSource | Promise<InitSource> } | InitSource,
): Promise<void>;
