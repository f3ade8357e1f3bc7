// The console end to end in headless Chromium against a running Tollgate (TOLLGATE_URL,
// TOLLGATE_MASTER_KEY): sign in as the platform admin, create a tenant, a team and a key (named
// like an XSS), copy its secret and call /v1 with it, see the spend in the chart and the table
// (the same total as the API's report, stacked by model and by end user), drill to the request,
// rotate and block the key, set a team's limits and delete a team, sign in as the tenant's admin
// and fail to see another tenant; then the main flows by keyboard only.
// Screenshots go to ARTIFACTS. Exit 0 when every step held; otherwise the failed step, exit 1.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, watchedPage, ready } from './browser.mjs';

const BASE = process.env.TOLLGATE_URL;
const MASTER = process.env.TOLLGATE_MASTER_KEY;
const OUT = process.env.ARTIFACTS || 'target/console-e2e';
mkdirSync(OUT, { recursive: true });
const XSS = '<img src=x onerror=alert(1)>';
const run = Math.random().toString(36).slice(2, 8);
const TENANT = 'e2e-' + run;
const OTHER = 'other-' + run;
const problems = [];
let step = 'start';

function check(cond, what) {
  if (!cond) throw new Error(what);
}

async function api(method, path, body, key = MASTER) {
  const res = await fetch(BASE + path, { method, headers: { Authorization: 'Bearer ' + key, 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, json: await res.json().catch(() => null) };
}

async function v1(secret) {
  const res = await fetch(BASE + '/v1/chat/completions', { method: 'POST', headers: { Authorization: 'Bearer ' + secret, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'sim-small', messages: [{ role: 'user', content: 'Hello from the console test' }] }) });
  return { status: res.status, requestId: res.headers.get('x-request-id'), body: await res.text() };
}

/** Polls fn (every 250 ms, at most 30 s) until ok(result); answers the last result. */
async function until(fn, ok) {
  let r;
  for (let i = 0; i < 120; i++) {
    r = await fn();
    if (ok(r)) return r;
    await new Promise((res) => setTimeout(res, 250));
  }
  return r;
}

async function shot(page, name) {
  await page.screenshot({ path: join(OUT, name + '.png'), fullPage: true });
}

async function go(page, hash, ready_) {
  await page.evaluate((h) => { delete document.querySelector('main').dataset.ready; location.hash = h; }, hash);
  await ready(page, ready_);
}

async function copiedSecret(page) {
  await page.click('#copy-secret');
  await page.waitForFunction(() => document.querySelector('.secret-box [aria-live]')?.textContent.includes('Copied'));
  const secret = await page.evaluate(() => navigator.clipboard.readText());
  check(/^sk-tg-/.test(secret), 'the copied secret is a key: ' + secret.slice(0, 8));
  check(secret === (await page.textContent('#new-secret')), 'the copy is the secret shown');
  return secret;
}

async function signIn(page, key) {
  await page.goto(BASE + '/ui/');
  await ready(page, '/signin');
  await page.fill('#sign-in-key', key);
  await page.click('#sign-in button[type=submit]');
  await ready(page, '/keys');
}

async function main() {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
    const page = await watchedPage(context, problems);

    step = 'sign in as the platform admin';
    await page.goto(BASE + '/ui/');
    await ready(page, '/signin');
    await shot(page, '01-sign-in');
    await page.fill('#sign-in-key', 'wrong-key');
    await page.click('#sign-in button[type=submit]');
    await page.waitForSelector('#sign-in .notice.error');
    await page.fill('#sign-in-key', MASTER);
    await page.click('#sign-in button[type=submit]');
    await ready(page, '/keys');
    check((await page.textContent('#who')) === 'Platform admin', 'signed in as the platform admin');
    check(await page.evaluate(() => localStorage.length === 0 && sessionStorage.length === 0 && document.cookie === ''), 'nothing in storage; the cookie is HttpOnly');

    step = 'create a tenant and a team';
    await go(page, '#/tenants', '/tenants');
    await page.click('#new-tenant');
    await page.fill('#create-tenant [name=id]', TENANT);
    await page.fill('#create-tenant [name=name]', 'E2E ' + XSS);
    await page.click('#create-tenant button[type=submit]');
    await ready(page, '/tenants/' + TENANT);
    check((await page.textContent('#tenant-name')) === 'E2E ' + XSS, 'the tenant name is shown as text');
    await page.fill('#create-team [name=id]', 'ml');
    await page.fill('#create-team [name=name]', 'Machine learning');
    await page.click('#create-team button[type=submit]');
    await page.waitForSelector('#teams-table a:text-is("ml")');
    await shot(page, '02-tenant');

    step = 'create a key named like an XSS, with a budget and a team';
    await go(page, '#/keys?tenant=' + TENANT, '/keys');
    await page.click('#new-key');
    await page.fill('#create-key [name=alias]', XSS);
    await page.selectOption('#create-key [name=team]', 'ml');
    await page.fill('#create-key [name=limit_usd]', '5.00');
    await page.fill('#create-key [name=rpm]', '60');
    await page.click('#create-key button[type=submit]');
    await page.waitForSelector('#new-secret');
    check((await page.textContent('.secret-box')).includes('you will not see it again'), 'the secret is shown once, with the warning');
    const secret = await copiedSecret(page);
    await shot(page, '03-key-created');

    step = 'call /v1 with the copied secret';
    const call = await v1(secret);
    check(call.status === 200, '/v1 answered ' + call.status + ': ' + call.body.slice(0, 200));

    step = 'the key is listed masked, its alias as text';
    await go(page, '#/keys?tenant=' + TENANT + '&r=1', '/keys');
    const cell = await page.textContent('#keys-table tbody tr:first-child td:first-child');
    check(cell === XSS, 'the alias is shown literally: ' + cell);
    check((await page.$$('main img')).length === 0, 'no img element was made from tenant text');
    check(!(await page.content()).includes(secret), 'the list does not hold the secret');
    await shot(page, '04-keys');
    await go(page, '#/keys?tenant=' + TENANT + '&q=ONERROR&status=active', '/keys');
    check((await page.$$('#keys-table tbody tr a')).length === 1, 'the API search finds the key');
    await go(page, '#/keys?tenant=' + TENANT + '&q=onerror&status=blocked', '/keys');
    check((await page.textContent('#keys-table')).includes('Nothing here'), 'no blocked key matches yet');
    await api('POST', '/admin/v1/keys', { tenant: TENANT, alias: 'no-team' });
    await go(page, '#/keys?tenant=' + TENANT + '&r=2', '/keys');
    check((await page.$$('#keys-table tbody tr a')).length === 2, 'both keys listed without a filter');
    await page.selectOption('form.filters [name=team]', 'ml');
    await page.evaluate(() => { delete document.querySelector('main').dataset.ready; });
    await page.click('form.filters button[type=submit]');
    await ready(page, '/keys');
    check((await page.evaluate(() => location.hash)).includes('team=ml'), 'the team filter is in the address');
    const filtered = await page.$$eval('#keys-table tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
    check(filtered.length === 1 && filtered[0] === XSS, 'the team filter lists only the team\'s key: ' + JSON.stringify(filtered));

    step = 'see the spend in the chart and the table, the same total as the API report';
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    let report;
    for (let i = 0; i < 60; i++) {
      report = await api('GET', `/admin/v1/spend?tenant=${TENANT}&from=${today}&to=${tomorrow}`);
      if (report.json?.total?.requests >= 1) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    check(report.json.total.requests === 1, 'the API reports the call');
    await go(page, `#/spend?tenant=${TENANT}&from=${today}&to=${tomorrow}&by=model`, '/spend');
    check((await page.textContent('#spend-total-exact')) === report.json.total.cost_usd, 'the console total is the API total');
    check((await page.textContent('#spend-requests')) === '1', 'one request');
    check((await page.textContent('#spend-check')).includes('exactly'), 'groups and days add up to the total');
    check((await page.textContent('#top-table')).includes('sim-small'), 'the model is a top spender');
    check(await page.evaluate(() => { const c = document.querySelector('#spend-chart'); return c.width > 0 && c.height > 0; }), 'the chart is drawn');
    const csv = await page.getAttribute('#export-csv', 'href');
    const csvRes = await page.evaluate(async (u) => { const r = await fetch(u); return { status: r.status, text: await r.text() }; }, csv);
    check(csvRes.status === 200 && csvRes.text.includes(call.requestId), 'the CSV export holds the request');
    await shot(page, '05-spend');
    await go(page, `#/spend?tenant=${TENANT}&from=${today}&to=${tomorrow}&by=end_user`, '/spend');
    check((await page.getAttribute('#spend-chart', 'aria-label')).endsWith('stacked by end user'), 'stacked by end user');
    check((await page.textContent('#spend-total-exact')) === report.json.total.cost_usd, 'by end user, the same API total');
    check((await page.textContent('#top-table')).includes('(none)'), 'a call without a user is the end user "(none)"');
    await go(page, `#/spend?tenant=${TENANT}&from=${today}&to=${tomorrow}&by=model`, '/spend');
    await page.click(`#entries-table a:text-is("${call.requestId}")`);
    await ready(page, '/spend/requests/' + call.requestId);
    check((await page.textContent('#request-facts')).includes('sim-small'), 'one request by its id');
    await shot(page, '06-request');

    step = 'rotate the key with a grace period, then block it';
    const keyId = (await api('GET', `/admin/v1/keys?tenant=${TENANT}`)).json.data[0].id;
    await go(page, '#/keys/' + keyId, '/keys/' + keyId);
    await shot(page, '07-key');
    await page.fill('#rotate-key [name=grace]', '600');
    await page.click('#rotate-key button[type=submit]');
    await page.waitForSelector('#new-secret');
    const rotated = await copiedSecret(page);
    check(rotated !== secret, 'rotation made a new secret');
    check((await v1(rotated)).status === 200, 'the new secret works');
    check((await v1(secret)).status === 200, 'the old secret works during its grace');
    await page.click('#block-key');
    await page.waitForFunction(() => document.querySelector('#key-state')?.textContent === 'blocked');
    const blocked = await v1(rotated);
    check(blocked.status === 401, 'a blocked key is refused: ' + blocked.status);
    await shot(page, '08-key-blocked');

    step = 'unblock, edit the key and its budget and limits, delete another';
    await page.click('#block-key');
    await page.waitForFunction(() => document.querySelector('#key-state')?.textContent === 'active');
    check((await v1(rotated)).status === 200, 'an unblocked key works again');
    await page.fill('#edit-key [name=models]', 'sim-small');
    await page.fill('#edit-key [name=metadata]', 'owner=<b>ops</b>');
    await page.fill('#edit-key [name=expires_at]', '2030-01-02T03:04');
    await page.click('#edit-key button[type=submit]');
    await page.waitForSelector('#key-status .notice.ok');
    const edited = (await api('GET', '/admin/v1/keys/' + keyId)).json;
    check(edited.models.join() === 'sim-small' && edited.metadata.owner === '<b>ops</b>', 'models and metadata saved: ' + JSON.stringify(edited));
    check(String(edited.expires_at).startsWith('2030-01-02T03:04'), 'the expiry saved: ' + edited.expires_at);
    check((await page.textContent('main dl.facts')).includes('owner = <b>ops</b>'), 'metadata shown as text');
    await page.click('section[aria-label="This key’s budget and limits"] summary');
    await page.fill('section[aria-label="This key’s budget and limits"] [name=limit_usd]', '7.50');
    await page.fill('section[aria-label="This key’s budget and limits"] [name=soft_limit_usd]', '5.00');
    await page.fill('section[aria-label="This key’s budget and limits"] [name=tpm]', '100000');
    await page.click('section[aria-label="This key’s budget and limits"] form button[type=submit]');
    await page.waitForFunction(() => document.querySelector('section[aria-label="This key’s budget and limits"]')?.textContent.includes('Soft limit $5.00'));
    const limits = (await api('GET', '/admin/v1/keys/' + keyId + '/limits')).json;
    check(limits.budget.limit_usd.startsWith('7.5') && limits.tpm.limit === 100000, 'budget and limits saved: ' + JSON.stringify(limits));
    await shot(page, '08b-key-edited');
    const doomed = (await api('POST', '/admin/v1/keys', { tenant: TENANT, alias: 'doomed' })).json;
    await go(page, '#/keys/' + doomed.id, '/keys/' + doomed.id);
    await page.click('#delete-key');
    await page.click('#confirm-delete');
    await ready(page, '/keys');
    check((await api('GET', '/admin/v1/keys/' + doomed.id)).status === 404, 'the key is deleted');

    step = 'edit the tenant policy, deactivate and reactivate it';
    await go(page, '#/tenants/' + TENANT, '/tenants/' + TENANT);
    await page.fill('#tenant-policy [name=aliases]', 'fast=sim-small');
    await page.fill('#tenant-policy [name=objective]', 'interactive');
    await page.fill('#tenant-policy [name=fairness_id]', 'e2e-fair');
    await page.uncheck('#tenant-policy [name=active]');
    await page.click('#tenant-policy button[type=submit]');
    await page.waitForSelector('#tenant-status .notice.ok');
    const policy = (await api('GET', '/admin/v1/tenants/' + TENANT)).json;
    check(policy.aliases.fast === 'sim-small' && policy.objective === 'interactive' && policy.fairness_id === 'e2e-fair' && policy.active === false, 'policy saved: ' + JSON.stringify(policy));
    const inactive = await until(() => v1(rotated), (r) => r.status === 401);
    check(inactive.status === 401 && inactive.body.includes('organization_inactive'), 'a deactivated tenant\'s keys stop: ' + inactive.status);
    await page.check('#tenant-policy [name=active]');
    await page.click('#tenant-policy button[type=submit]');
    await page.waitForSelector('#tenant-status .notice.ok');
    check((await until(() => v1(rotated), (r) => r.status === 200)).status === 200, 'reactivated');

    step = 'set a team\'s budget and limits as bars';
    // A fresh render: the reactivation's own re-render may still be landing on the page shown.
    await go(page, '#/tenants/' + TENANT + '?teams=1', '/tenants/' + TENANT);
    const teamPanel = 'section[aria-label="Team ml"]';
    await page.click(teamPanel + ' summary');
    await page.fill(teamPanel + ' [name=limit_usd]', '20.00');
    await page.selectOption(teamPanel + ' [name=period]', 'daily');
    await page.fill(teamPanel + ' [name=soft_limit_usd]', '15.00');
    await page.fill(teamPanel + ' [name=rpm]', '30');
    await page.click(teamPanel + ' form button[type=submit]');
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('Soft limit $15.00'), teamPanel);
    const teamLimits = (await api('GET', `/admin/v1/tenants/${TENANT}/teams/ml/limits`)).json;
    check(teamLimits.budget.limit_usd.startsWith('20') && teamLimits.budget.period.toLowerCase() === 'daily' && teamLimits.rpm.limit === 30,
      'the team\'s limits saved: ' + JSON.stringify(teamLimits));
    const teamBars = await page.textContent(teamPanel);
    check(teamBars.includes('of $20.00 (daily)') && teamBars.includes('of 30 this minute'), 'the team\'s bars: ' + teamBars.slice(0, 300));
    await shot(page, '02b-team-limits');

    step = 'delete a team (it asks again; a team with keys is refused in the API\'s words)';
    await page.fill('#create-team [name=id]', 'doomed-team');
    await page.click('#create-team button[type=submit]');
    await page.waitForSelector('#teams-table a:text-is("doomed-team")');
    check(await page.isHidden('#teams-table button[data-confirm-delete="doomed-team"]'), 'nothing deleted on the first click yet');
    await page.click('#teams-table button[data-delete="doomed-team"]');
    await page.click('#teams-table button[data-confirm-delete="doomed-team"]');
    await page.waitForSelector('#tenant-status .notice.ok');
    check(!(await page.textContent('#teams-table')).includes('doomed-team'), 'the team is gone from the table');
    check((await api('GET', `/admin/v1/tenants/${TENANT}/teams/doomed-team`)).status === 404, 'the team is deleted');
    await page.click('#teams-table button[data-delete="ml"]');
    await page.click('#teams-table button[data-confirm-delete="ml"]');
    await page.waitForSelector('#tenant-status .notice.error');
    check((await page.textContent('#tenant-status')).includes('still has keys'), 'a team with keys is refused');
    check((await api('GET', `/admin/v1/tenants/${TENANT}/teams/ml`)).status === 200, 'the team with keys stays');

    step = 'add a price version and import LiteLLM\'s file';
    await go(page, '#/prices', '/prices');
    await page.click('#add-price-summary');
    await page.fill('#add-price [name=model]', 'sim-small');
    await page.fill('#add-price [name=input_usd_per_mtok]', '0.20');
    await page.fill('#add-price [name=output_usd_per_mtok]', '0.80');
    await page.fill('#add-price [name=effective_from]', '2099-01-01T00:00');
    await page.click('#add-price button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#prices-table')?.textContent.includes('2099-01-01'));
    await page.click('#import-prices-summary');
    await page.setInputFiles('#price-file', { name: 'model_prices_and_context_window.json', mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ 'sim-small': { input_cost_per_token: 1e-7, output_cost_per_token: 4e-7, cache_read_input_token_cost: 5e-8 } })) });
    await page.click('#import-prices button[type=submit]');
    await page.waitForSelector('#import-report');
    const importText = await page.textContent('#import-report');
    check(/(unchanged|added): 1/.test(importText) && /unpriced: \d/.test(importText), 'the import report is shown: ' + importText.slice(0, 200));

    step = 'the audit page';
    check((await page.textContent('#prices-table')).includes('sim-small'), 'prices listed');
    await shot(page, '09-prices');
    await go(page, '#/audit?tenant=' + TENANT, '/audit');
    const audit = await page.textContent('#audit-table');
    check(audit.includes('blocked') && audit.includes('master-key') && !audit.includes('VirtualKey['), 'audit readable: field names, no toString');
    await shot(page, '10-audit');

    step = 'a tenant admin sees its own tenant and not another';
    await api('POST', '/admin/v1/tenants', { id: OTHER, name: 'Other' });
    await api('POST', '/admin/v1/keys', { tenant: OTHER, alias: 'secret-of-other' });
    await go(page, '#/keys?tenant=' + TENANT, '/keys');
    await page.click('#new-key');
    await page.fill('#create-key [name=alias]', 'tenant-boss');
    await page.selectOption('#create-key [name=role]', 'tenant_admin');
    await page.click('#create-key button[type=submit]');
    await page.waitForSelector('#new-secret');
    const adminSecret = await copiedSecret(page);
    await page.click('#sign-out');
    await ready(page, '/signin');
    check((await page.evaluate(async () => (await fetch('/admin/v1/tenants')).status)) === 401, 'signed out server-side');
    await signIn(page, adminSecret);
    check((await page.textContent('#who')).includes(TENANT), 'signed in as the tenant admin');
    check((await page.textContent('#keys-table')).includes('tenant-boss'), 'its own keys');
    await go(page, '#/keys?tenant=' + OTHER, '/keys');
    check((await page.textContent('main')).includes('No such'), 'another tenant\'s keys are not found');
    check(!(await page.textContent('main')).includes('secret-of-other'), 'nothing of the other tenant');
    await go(page, '#/tenants/' + OTHER, '/tenants/' + OTHER);
    check((await page.textContent('main')).includes('No such'), 'another tenant is not found');
    await go(page, '#/spend?tenant=' + OTHER, '/spend');
    check((await page.textContent('main')).includes('No such'), 'another tenant\'s spend is not found');
    await go(page, '#/audit?tenant=' + OTHER, '/audit');
    check((await page.textContent('main')).includes('No such'), 'another tenant\'s audit is not found');
    await go(page, '#/tenants', '/tenants');
    await shot(page, '11-tenant-admin');
    await page.click('#sign-out');
    await ready(page, '/signin');

    step = 'keyboard only: sign in, reach keys, create a key, copy it, sign out';
    const kb = await watchedPage(context, problems);
    await kb.goto(BASE + '/ui/');
    await ready(kb, '/signin');
    check(await kb.evaluate(() => document.activeElement?.id === 'sign-in-key'), 'the key field has focus');
    await kb.keyboard.type(MASTER);
    await kb.keyboard.press('Enter');
    await ready(kb, '/keys');
    await tabTo(kb, 'nav a[href="#/tenants"]');
    await kb.keyboard.press('Enter');
    await ready(kb, '/tenants');
    await tabTo(kb, `#tenants-table a[href="#/tenants/${TENANT}"]`);
    await kb.keyboard.press('Enter');
    await ready(kb, '/tenants/' + TENANT);
    await tabTo(kb, `main a[href="#/keys?tenant=${TENANT}"]`);
    await kb.keyboard.press('Enter');
    await ready(kb, '/keys');
    await tabTo(kb, '#new-key');
    await kb.keyboard.press('Enter');
    await tabTo(kb, '#create-key [name=alias]');
    await kb.keyboard.type('typed-' + run);
    await tabTo(kb, '#create-key button[type=submit]');
    await kb.keyboard.press('Enter');
    await kb.waitForSelector('#new-secret');
    check(await kb.evaluate(() => document.activeElement?.id === 'copy-secret'), 'Copy has focus after create');
    await kb.keyboard.press('Enter');
    await kb.waitForFunction(() => document.querySelector('.secret-box [aria-live]')?.textContent.includes('Copied'));
    const typed = await kb.evaluate(() => navigator.clipboard.readText());
    check((await v1(typed)).status === 200, 'the key made by keyboard works');
    await tabTo(kb, '#sign-out', true);
    await kb.keyboard.press('Enter');
    await ready(kb, '/signin');
    await shot(kb, '12-keyboard-signed-out');

    step = 'nothing forbidden happened';
    for (const p of [page, kb]) check((await p.evaluate(() => window.__cspViolations || 0)) === 0, 'no CSP violation');
    check(problems.length === 0, problems.join('\n'));
    await context.close();
  } finally {
    await browser.close();
  }
}

/** Presses Tab (or Shift+Tab) until the focused element matches the selector; at most 80 presses. */
async function tabTo(page, selector, backwards = false) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate((sel) => !!document.activeElement?.matches(sel), selector)) return;
  }
  throw new Error('could not reach by keyboard: ' + selector);
}

main().then(() => {
  console.log('console e2e: every step held (' + OUT + ')');
}, (e) => {
  console.error('console e2e FAILED at step "' + step + '": ' + e.message);
  if (problems.length) console.error(problems.join('\n'));
  process.exit(1);
});
