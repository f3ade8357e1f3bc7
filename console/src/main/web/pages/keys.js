import { h, fill, notice, field, input, select, table, formValues } from '../dom.js';
import { api } from '../api.js';
import { go } from '../main.js';
import { tenantChoice } from './scope.js';
import { secretBox } from './secret.js';

const PAGE = 50;

function status(k) {
  if (k.blocked) return 'blocked';
  if (k.expires_at && new Date(k.expires_at) <= new Date()) return 'expired';
  return 'active';
}

export async function keysPage(main, params) {
  const { tenant, picker } = await tenantChoice(params, (t) => go('/keys', { tenant: t }));
  if (!tenant) {
    fill(main, h('h1', {}, 'Keys'), notice('info', 'No tenant yet: create one under Tenants.'));
    return;
  }
  const offset = Number(params.offset ?? 0);
  const [teams, page] = await Promise.all([
    api.get('/tenants/' + api.enc(tenant) + '/teams', { limit: 1000 }),
    api.get('/keys', { tenant, team: params.team, q: params.q, status: params.status, offset, limit: PAGE }),
  ]);
  const wanted = params.status ?? '';
  const shown = page.data;

  const filters = h('form', { class: 'filters', role: 'search', on: { submit: (e) => {
    e.preventDefault();
    const v = formValues(filters);
    // A whole key id opens that key (GET /keys/{id}): found wherever it is in the list.
    if (/^key_[0-9a-f]{8,}$/.test(v.q ?? '')) { go('/keys/' + v.q); return; }
    go('/keys', { tenant, team: v.team, status: v.status, q: v.q });
  } } },
  picker,
  field('Team', select('team', [['', 'all teams'], ...teams.data.map((t) => [t.id, t.name ? `${t.name} (${t.id})` : t.id])], params.team ?? '')),
  field('Status', select('status', [['', 'any'], ['active', 'active'], ['blocked', 'blocked'], ['expired', 'expired']], wanted)),
  field('Search', input('q', { type: 'search', value: params.q ?? '', placeholder: 'alias or key id' }), 'a whole key id opens the key'),
  h('button', { type: 'submit' }, 'Apply'));

  const rows = shown.map((k) => h('tr', {},
    h('td', {}, h('a', { href: '#/keys/' + encodeURIComponent(k.id) }, k.alias || '(no alias)')),
    h('td', {}, h('code', {}, k.masked_key)),
    h('td', {}, k.team ?? '—'),
    h('td', {}, k.role === 'tenant_admin' ? 'tenant admin' : 'inference'),
    h('td', {}, h('span', { class: 'pill ' + status(k) }, status(k))),
    h('td', {}, k.models.length ? k.models.join(', ') : 'all'),
    h('td', {}, k.expires_at ?? 'never')));

  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' },
    offset > 0 ? h('a', { href: '#/keys?' + new URLSearchParams({ ...params, tenant, offset: Math.max(0, offset - PAGE) }) }, '← Previous') : null,
    h('span', { class: 'muted' }, `Keys ${page.data.length ? offset + 1 : 0}–${offset + page.data.length}` + (params.q || wanted ? ' matching' : '')),
    page.has_more ? h('a', { href: '#/keys?' + new URLSearchParams({ ...params, tenant, offset: page.next_offset }) }, 'Next →') : null);

  const created = h('div', { id: 'created' });
  fill(main,
    h('h1', {}, 'Keys'),
    filters,
    created,
    createForm(tenant, teams.data, created),
    table(['Alias', 'Key', 'Team', 'Role', 'Status', 'Models', 'Expires'], rows, { id: 'keys-table' }),
    pager);
}

function createForm(tenant, teams, created) {
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { id: 'create-key', class: 'grid', on: { submit: async (e) => {
    e.preventDefault();
    const v = formValues(form);
    const body = { tenant, alias: v.alias };
    if (v.team) body.team = v.team;
    if (v.role) body.role = v.role;
    if (v.models) body.models = v.models.split(',').map((m) => m.trim()).filter(Boolean);
    if (v.expires_at) body.expires_at = new Date(v.expires_at + ':00Z').toISOString();
    if (v.limit_usd) body.budget = { limit_usd: v.limit_usd, period: v.period };
    if (v.rpm) body.rpm = Number(v.rpm);
    try {
      const k = await api.post('/keys', body);
      form.reset();
      fill(created, secretBox(k.key, 'Key “' + (k.alias || k.id) + '” created'),
        h('p', {}, h('a', { href: '#/keys/' + encodeURIComponent(k.id) }, 'Open the new key')));
      fill(out);
    } catch (err) {
      fill(out, notice('error', err.message));
    }
  } } },
  field('Alias', input('alias', { maxlength: 128, autocomplete: 'off' })),
  field('Team', select('team', [['', 'no team'], ...teams.map((t) => [t.id, t.id])], '')),
  field('Role', select('role', [['inference', 'inference (calls /v1)'], ['tenant_admin', 'tenant admin']], 'inference')),
  field('Models', input('models', { placeholder: 'all the tenant allows' }), 'comma-separated'),
  field('Expires (UTC)', input('expires_at', { type: 'datetime-local' })),
  field('Budget USD', input('limit_usd', { inputmode: 'decimal', placeholder: 'none' })),
  field('Period', select('period', [['monthly', 'monthly'], ['weekly', 'weekly'], ['daily', 'daily'], ['lifetime', 'lifetime']], 'monthly')),
  field('RPM', input('rpm', { inputmode: 'numeric', placeholder: 'none' })),
  h('button', { type: 'submit', class: 'primary' }, 'Create key'), out);
  return h('details', { class: 'card' }, h('summary', { id: 'new-key' }, 'New key'), form);
}
