import { h, fill, notice, field, input, table, formValues } from '../dom.js';
import { api, session } from '../api.js';
import { go } from '../main.js';
import { limitsPanel } from './limits.js';

const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);

function pairs(text) {
  const out = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const eq = line.indexOf('=');
    if (eq < 1) throw new Error('Write one name=value per line: ' + line);
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

const lines = (m) => Object.entries(m ?? {}).map(([k, v]) => k + '=' + v).join('\n');

export async function tenantsPage(main, params) {
  if (session().role !== 'platform_admin') {
    await tenantPage(main, params, session().tenant);
    return;
  }
  const page = await api.get('/tenants', { after: params.after, limit: 100 });
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form', { id: 'create-tenant', class: 'grid', on: { submit: async (e) => {
    e.preventDefault();
    const v = formValues(form);
    try {
      const body = { id: v.id, name: v.name || v.id };
      if (v.models) body.models = list(v.models);
      await api.post('/tenants', body);
      go('/tenants/' + encodeURIComponent(v.id));
    } catch (err) { fill(status, notice('error', err.message)); }
  } } },
  field('Id', input('id', { required: true, maxlength: 128, autocomplete: 'off' })),
  field('Name', input('name', { maxlength: 200 })),
  field('Models', input('models', { placeholder: 'every served model' }), 'comma-separated'),
  h('button', { type: 'submit', class: 'primary' }, 'Create tenant'), status);
  const rows = page.data.map((t) => h('tr', {},
    h('td', {}, h('a', { href: '#/tenants/' + encodeURIComponent(t.id) }, t.id)), h('td', {}, t.name),
    h('td', {}, h('span', { class: 'pill ' + (t.active ? 'active' : 'blocked') }, t.active ? 'active' : 'inactive')),
    h('td', {}, t.models.length ? t.models.join(', ') : 'all'), h('td', {}, t.created_at)));
  const last = page.data.at(-1);
  fill(main, h('h1', {}, 'Tenants'),
    h('details', { class: 'card' }, h('summary', { id: 'new-tenant' }, 'New tenant'), form),
    table(['Id', 'Name', 'State', 'Models', 'Created'], rows, { id: 'tenants-table' }),
    h('p', { class: 'pager' }, params.after ? h('a', { href: '#/tenants' }, '← First') : null,
      page.has_more && last ? h('a', { href: '#/tenants?after=' + encodeURIComponent(last.id) }, 'Next →') : null));
}

export async function tenantPage(main, params, id) {
  const platform = session().role === 'platform_admin';
  const enc = api.enc(id);
  const [t, teams] = await Promise.all([api.get('/tenants/' + enc), api.get('/tenants/' + enc + '/teams', { limit: 1000 })]);
  const status = h('div', { 'aria-live': 'polite', id: 'tenant-status' });
  const fail = (err) => fill(status, notice('error', err.message));

  const policy = h('form', { id: 'tenant-policy', class: 'grid', on: { submit: async (e) => {
    e.preventDefault();
    const v = formValues(policy);
    try {
      await api.patch('/tenants/' + enc, {
        name: v.name, models: list(v.models), aliases: pairs(v.aliases),
        objective: v.objective || null, fairness_id: v.fairness_id || null,
        active: policy.querySelector('[name=active]').checked,
      });
      await tenantPage(main, params, id);
      fill(main.querySelector('#tenant-status'), notice('ok', 'Saved.'));
    } catch (err) { fail(err); }
  } } },
  field('Name', input('name', { value: t.name, maxlength: 200, disabled: !platform })),
  field('Models', input('models', { value: t.models.join(', '), placeholder: 'every served model', disabled: !platform }), 'comma-separated'),
  field('Aliases', h('textarea', { name: 'aliases', rows: 3, disabled: !platform }, lines(t.aliases)), 'alias=model, one per line'),
  field('Objective (priority)', input('objective', { value: t.objective ?? '', disabled: !platform })),
  field('Fairness id', input('fairness_id', { value: t.fairness_id ?? '', disabled: !platform })),
  h('label', { class: 'field check' }, h('input', { type: 'checkbox', name: 'active', checked: t.active, disabled: !platform }), h('span', {}, 'Active (off stops every key of the tenant)')),
  platform ? h('button', { type: 'submit', class: 'primary' }, 'Save policy') : null);

  const teamForm = h('form', { id: 'create-team', class: 'inline-form', on: { submit: async (e) => {
    e.preventDefault();
    const v = formValues(teamForm);
    try { await api.post('/tenants/' + enc + '/teams', { id: v.id, name: v.name || v.id }); await tenantPage(main, params, id); } catch (err) { fail(err); }
  } } },
  field('Team id', input('id', { required: true, maxlength: 128, autocomplete: 'off' })),
  field('Name', input('name', { maxlength: 200 })),
  h('button', { type: 'submit' }, 'Create team'));

  // Delete asks again (as a key's does); the API refuses a team that still has keys (409).
  const teamRows = teams.data.map((tm) => {
    const confirm = h('button', { type: 'button', class: 'danger', hidden: true, 'data-confirm-delete': tm.id, on: { click: async () => {
      try {
        await api.del('/tenants/' + enc + '/teams/' + api.enc(tm.id));
        await tenantPage(main, params, id);
        fill(main.querySelector('#tenant-status'), notice('ok', 'Team ' + tm.id + ' deleted.'));
      } catch (err) { fail(err); }
    } } }, 'Delete team ' + tm.id);
    const ask = h('button', { type: 'button', 'data-delete': tm.id, on: { click: () => { confirm.hidden = false; confirm.focus(); } } }, 'Delete…');
    return h('tr', {},
      h('td', {}, h('a', { href: '#/keys?' + new URLSearchParams({ tenant: id, team: tm.id }) }, tm.id)), h('td', {}, tm.name),
      h('td', {}, h('a', { href: '#/spend?' + new URLSearchParams({ tenant: id, team: tm.id, by: 'key' }) }, 'spend')),
      h('td', {}, ask, ' ', confirm));
  });

  // In parallel: twenty teams' limits one after another were most of this page's time.
  const [tenantPanel, ...teamPanels] = await Promise.all([
    limitsPanel('/tenants/' + enc + '/limits', 'Tenant budget and limits', platform),
    ...teams.data.slice(0, 20).map((tm) => limitsPanel('/tenants/' + enc + '/teams/' + api.enc(tm.id) + '/limits', 'Team ' + tm.id, true)),
  ]);

  fill(main,
    platform ? h('p', {}, h('a', { href: '#/tenants' }, '← Tenants')) : null,
    h('h1', {}, 'Tenant ', h('span', { id: 'tenant-name' }, t.name), ' ', h('code', {}, t.id)),
    status,
    h('p', {}, h('a', { href: '#/keys?tenant=' + encodeURIComponent(id) }, 'Keys'), ' · ',
      h('a', { href: '#/spend?' + new URLSearchParams({ tenant: id, by: 'team' }) }, 'Spend'), ' · ',
      h('a', { href: '#/audit?tenant=' + encodeURIComponent(id) }, 'Audit')),
    h('section', { class: 'card' }, h('h2', {}, 'Policy'), policy),
    tenantPanel,
    h('section', { class: 'card' }, h('h2', {}, 'Teams'), table(['Id', 'Name', '', ''], teamRows, { id: 'teams-table' }), teamForm),
    ...teamPanels);
}
