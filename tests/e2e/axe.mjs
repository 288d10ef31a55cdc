// The accessibility audit: npm axe-core (pinned in package.json) injected into the page under
// test, WCAG 2.0/2.1/2.2 A and AA rules and axe's best practices. The page's CSP allows only
// its own scripts, so the browser context that audits is made with `bypassCSP: true`.
import { join } from 'node:path';
import { root } from './helpers.mjs';

const AXE = join(root, 'node_modules/axe-core/axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Audits the page as it is now; resolves the violations as short strings
 * ("rule-id: target, target (help)"), so that a failing assertion says what to fix.
 */
export async function audit(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')} (${v.help})`);
  }, AXE_TAGS);
  return violations;
}
