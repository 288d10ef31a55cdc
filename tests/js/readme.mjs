// The README's examples, as shipped in the package: `<!-- example: NAME -->` then a code block.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function readmeExample(name) {
  const readme = readFileSync(require.resolve('tat-request/package.json').replace(/package\.json$/, 'README.md'), 'utf8');
  const re = new RegExp(`<!-- example: ${name} -->\\s*\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``);
  const m = readme.match(re);
  if (!m) throw new Error(`README example ${name} not found`);
  return m[1];
}
