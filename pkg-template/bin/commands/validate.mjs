// tat-request validate: an action's parameters (a saved command definition, a RunCommand
// request, ...) checked by the package as buildRequest would, for CI. Exit 1 when invalid.
import { tat, parse, guarded, readInput, UsageError, EXIT, INPUT_MAX_BYTES } from './common.mjs';

const OPTIONS = {
  rules: { type: 'string' },
  language: { type: 'string' },
  json: { type: 'boolean' },
};

const USAGE = `Usage: tat-request validate ACTION [FILE|-] [--rules seed|latest] [--language en-US|zh-CN] [--json]

Checks the parameters of ACTION (e.g. RunCommand, CreateCommand), a JSON object read from FILE
or stdin (- or no FILE), as the package checks a request before signing it. Prints every error
and warning with its field; the exit status is 0 when valid (warnings allowed), 1 when invalid
(or not a JSON object), 2 for bad usage. At most ${INPUT_MAX_BYTES / 1024 / 1024} MB are read (the API's largest request).
--json prints the package's verdict { valid, errors, warnings } as it is.`;

export function main(args) {
  return guarded(USAGE, async () => {
    const parsed = parse(args, OPTIONS, USAGE, { positionals: true });
    if (!parsed) return EXIT.ok;
    const { values, positionals } = parsed;
    if (positionals.length < 1 || positionals.length > 2) throw new UsageError('Name the action, and the file unless it comes on stdin.');
    const [action, path] = positionals;
    const text = await readInput(path);
    let params;
    try {
      params = JSON.parse(text);
    } catch (e) {
      console.error(`${path ?? 'stdin'}: not JSON (${e.message})`);
      return EXIT.failed;
    }
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      console.error(`${path ?? 'stdin'}: the parameters must be a JSON object.`);
      return EXIT.failed;
    }
    const options = {};
    if (values.rules !== undefined) options.rules = values.rules;
    if (values.language !== undefined) options.language = values.language;
    let verdict;
    try {
      verdict = tat.validate(action, params, options);
    } catch (e) {
      throw new UsageError(e.message); // a bad --rules or --language
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
    } else {
      for (const e of verdict.errors) console.log(`error    ${e.field}: ${e.message} (${e.code})`);
      for (const w of verdict.warnings) console.log(`warning  ${w.field}: ${w.message} (${w.code})`);
      console.log(verdict.valid ? `${action}: valid${verdict.warnings.length ? `, ${verdict.warnings.length} warning(s)` : ''}` : `${action}: invalid, ${verdict.errors.length} error(s)`);
    }
    return verdict.valid ? EXIT.ok : EXIT.failed;
  });
}
