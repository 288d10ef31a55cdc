// require('tat-request/validate'): the same declarations as validate.d.ts (the main entry's,
// index.d.ts), read from the ES module declarations by an import type, so that they are
// written once.
type Main = typeof import('./index.js', { with: { 'resolution-mode': 'import' } });
type Validate = typeof import('./validate.js', { with: { 'resolution-mode': 'import' } });

export declare const validate: Main['validate'];
export declare const validateRunCommand: Main['validateRunCommand'];
export declare const describeError: Main['describeError'];
export declare const describeTaskStatus: Main['describeTaskStatus'];
export declare const encodeContent: Main['encodeContent'];
export declare const decodeOutput: Main['decodeOutput'];
export declare const listPlaceholders: Main['listPlaceholders'];
export declare const previewContent: Main['previewContent'];
export declare const limits: Main['limits'];
export declare const initSync: Main['initSync'];
export declare const loadLanguage: Validate['loadLanguage'];
/** Nothing to do in Node: the module is ready on require. */
export declare const init: Main['default'];
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
} from './index.js' with { 'resolution-mode': 'import' };
