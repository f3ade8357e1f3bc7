// The browser the console's tests drive: Debian's Chromium through playwright-core (no browser
// download). CHROMIUM overrides the path.
import { chromium } from 'playwright-core';

export const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: FLAGS, headless: true });
}

/** A page that records anything that must not happen: script errors, dialogs (an XSS), CSP refusals. */
export async function watchedPage(context, problems) {
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('dialog', async (d) => { problems.push('a dialog opened (script ran): ' + d.message()); await d.dismiss(); });
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push('console error: ' + m.text()); });
  page.on('request', (r) => { const u = new URL(r.url()); if (u.origin !== new URL(process.env.TOLLGATE_URL).origin && u.protocol !== 'data:') problems.push('request to another origin: ' + r.url()); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations = (window.__cspViolations || 0) + 1;
      console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI);
    });
  });
  return page;
}

export async function ready(page, path, timeout = 15_000) {
  await page.waitForSelector(`main[data-ready="${path}"]`, { timeout });
}
