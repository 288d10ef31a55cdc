// How the project starts headless Chromium (tests/js/browser.test.mjs, tests/e2e/console.test.mjs,
// bench/run.mjs): Debian's /usr/bin/chromium through the repository's playwright-core, with
// flags for a container (no sandbox, no GPU, no /dev/shm) and without background traffic.

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** Launches Chromium with those options; resolves playwright-core's Browser. */
export async function launchChromium() {
  const { chromium } = await import(new URL('../node_modules/playwright-core/index.mjs', import.meta.url).href);
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...ARGS] });
}
