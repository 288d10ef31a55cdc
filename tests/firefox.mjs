// How the project starts headless Firefox (tests/js/browser.test.mjs, tests/e2e/firefox.test.mjs):
// Debian's /usr/bin/firefox-esr (installed by `scripts/ensure-tools.sh firefox`), driven over
// WebDriver BiDi by the repository's puppeteer-core. Never a downloaded browser.

export const FIREFOX = '/usr/bin/firefox-esr';

/** Launches Firefox; resolves puppeteer-core's Browser. */
export async function launchFirefox() {
  const { default: puppeteer } = await import(new URL('../node_modules/puppeteer-core/lib/esm/puppeteer/puppeteer-core.js', import.meta.url).href);
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // A profile of its own each run (puppeteer's temporary one), no first-run pages, no
    // background traffic: the tests talk only to 127.0.0.1.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
}
