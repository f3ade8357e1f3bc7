import './app.css';
import { h, fill, notice } from './dom.js';
import { restore, session, signOut } from './api.js';
import { signInPage } from './pages/signin.js';
import { keysPage } from './pages/keys.js';
import { keyPage } from './pages/key.js';
import { spendPage, requestPage } from './pages/spend.js';
import { tenantsPage, tenantPage } from './pages/tenants.js';
import { pricesPage } from './pages/prices.js';
import { auditPage } from './pages/audit.js';

// Hash routes (#/keys?tenant=acme): the server serves one page, so no deep link needs a route of
// its own, and the query of a view is in the address bar to share or reload.
const routes = [
  [/^\/keys$/, keysPage],
  [/^\/keys\/([^/]+)$/, keyPage],
  [/^\/spend$/, spendPage],
  [/^\/spend\/requests\/([^/]+)$/, requestPage],
  [/^\/tenants$/, tenantsPage],
  [/^\/tenants\/([^/]+)$/, tenantPage],
  [/^\/prices$/, pricesPage],
  [/^\/audit$/, auditPage],
];

export function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/keys';
  const [path, query = ''] = raw.split('?');
  return { path, params: Object.fromEntries(new URLSearchParams(query)) };
}

export function go(path, params = {}) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString();
  const next = '#' + path + (q ? '?' + q : '');
  if (location.hash === next) render();
  else location.hash = next;
}

function header() {
  const who = session();
  const top = document.getElementById('top');
  if (!who) {
    fill(top, h('div', { class: 'brand' }, 'Tollgate'));
    return;
  }
  const link = (href, text) => h('a', { href, 'data-nav': href.split('?')[0] }, text);
  fill(top,
    h('div', { class: 'brand' }, 'Tollgate'),
    h('nav', { 'aria-label': 'Main' },
      link('#/keys', 'Keys'), link('#/spend', 'Spend'), link('#/tenants', who.role === 'platform_admin' ? 'Tenants' : 'Tenant'),
      link('#/prices', 'Prices'), link('#/audit', 'Audit')),
    h('div', { class: 'who' },
      h('span', { id: 'who' }, who.role === 'platform_admin' ? 'Platform admin' : 'Tenant admin · ' + who.tenant),
      h('button', { type: 'button', id: 'sign-out', on: { click: async () => { await signOut(); go('/signin'); } } }, 'Sign out')));
  const current = '#' + parseHash().path.split('/').slice(0, 2).join('/');
  for (const a of top.querySelectorAll('nav a')) {
    if (a.dataset.nav === current) a.setAttribute('aria-current', 'page');
  }
}

let generation = 0;

async function render() {
  const mine = ++generation;
  const { path, params } = parseHash();
  // A fresh <main> for every render: a page still loading for an earlier hash fills the element it
  // was given, now detached, and can never overwrite the page shown since.
  const previous = document.getElementById('main');
  const main = previous.cloneNode(false);
  previous.replaceWith(main);
  delete main.dataset.ready; // set again once this page has rendered its data
  if (path === '/signin' || !session()) {
    header();
    if (path !== '/signin') { location.hash = '#/signin'; return; }
    signInPage(main, () => go('/keys'));
    return;
  }
  header();
  for (const [pattern, page] of routes) {
    const m = pattern.exec(path);
    if (m) {
      fill(main, h('p', { class: 'muted' }, 'Loading…'));
      try {
        await page(main, params, ...m.slice(1).map(decodeURIComponent));
      } catch (e) {
        if (mine === generation) fill(main, notice('error', e.message));
      }
      if (mine === generation) {
        document.title = (main.querySelector('h1')?.textContent ?? 'Console') + ' · Tollgate';
        main.dataset.ready = path;
      }
      return;
    }
  }
  fill(main, notice('error', 'No such page.'));
}

window.addEventListener('hashchange', render);
window.addEventListener('tollgate:signed-out', () => { if (parseHash().path !== '/signin') location.hash = '#/signin'; });

restore().then(render);
