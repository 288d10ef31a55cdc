// The page of issue 26's size goal, as a site would make it: a form's script that imports
// `tat-request/validate`, calls init() and validates RunCommand parameters, bundled by esbuild
// (minified, the repository's pinned esbuild) with the package resolved as an installed
// dependency (its `exports`, browser conditions). The wasm is the asset the entry fetches
// beside itself (validate/en.wasm), copied beside the bundle as a site copies it. Used by
// tests/js/validate-browser.test.mjs (the page works in Chromium) and bench/run.mjs (what it
// downloads).
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The page's own script: what a form that validates as the user types does. */
export const PAGE_SCRIPT = `import init, { validateRunCommand, loadLanguage } from 'tat-request/validate';
await init();
const form = document.querySelector('form');
const show = (r) => { document.querySelector('output').value = r.errors.map((e) => e.field + ' ' + e.code).join('\\n'); return r; };
const params = () => ({ Content: form.Content.value, InstanceIds: form.InstanceIds.value.split(/[\\s,]+/).filter(Boolean) });
form.addEventListener('input', () => show(validateRunCommand(params())));
window.check = (p, language) => validateRunCommand(p ?? params(), { language });
window.loadLanguage = loadLanguage;
window.ready = show(validateRunCommand(params()));
`;

export const PAGE_HTML = `<!doctype html><meta charset="utf-8"><title>RunCommand form</title>
<form><textarea name="Content">ZWNobyBoaQ==</textarea><input name="InstanceIds" value="ins-12345678"></form>
<output></output><script type="module" src="page.js"></script>`;

/**
 * Bundles the page into `out` (page.html, page.js, validate/en.wasm and validate/en-zh.wasm
 * beside it) against the package folder `pkgDir`; returns the files a first load of the page
 * downloads, with their bytes.
 */
export async function buildValidatePage(pkgDir, out, esbuildPath) {
  const { build } = await import(esbuildPath);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'node_modules'), { recursive: true });
  // Resolved as an installed dependency, through the package's exports map.
  symlinkSync(pkgDir, join(out, 'node_modules/tat-request'), 'dir');
  writeFileSync(join(out, 'page.src.js'), PAGE_SCRIPT);
  writeFileSync(join(out, 'page.html'), PAGE_HTML);
  await build({
    entryPoints: [join(out, 'page.src.js')], bundle: true, minify: true, format: 'esm', platform: 'browser',
    outfile: join(out, 'page.js'), logLevel: 'warning',
  });
  mkdirSync(join(out, 'validate'));
  for (const f of ['en.wasm', 'en-zh.wasm']) cpSync(join(pkgDir, 'validate', f), join(out, 'validate', f));
  return ['page.html', 'page.js', 'validate/en.wasm'].map((f) => ({ file: f, bytes: readFileSync(join(out, f)) }));
}
