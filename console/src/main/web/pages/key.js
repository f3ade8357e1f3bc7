import { h, fill, notice, field, input, formValues } from '../dom.js';
import { api } from '../api.js';
import { go } from '../main.js';
import { limitsPanel } from './limits.js';
import { secretBox } from './secret.js';

function metadataText(m) {
  return Object.entries(m ?? {}).map(([k, v]) => k + '=' + v).join('\n');
}

function parseMetadata(text) {
  const out = {};
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const eq = line.indexOf('=');
    if (eq < 1) throw new Error('Metadata lines are name=value: ' + line);
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

export async function keyPage(main, params, id) {
  const k = await api.get('/keys/' + api.enc(id));
  const status = h('div', { 'aria-live': 'polite', id: 'key-status' });
  const secret = h('div');
  const fail = (err) => fill(status, notice('error', err.message));
  const reload = () => keyPage(main, params, id);

  const edit = h('form', { id: 'edit-key', class: 'grid', on: { submit: async (e) => {
    e.preventDefault();
    const v = formValues(edit);
    try {
      await api.patch('/keys/' + api.enc(id), {
        alias: v.alias,
        models: v.models ? v.models.split(',').map((m) => m.trim()).filter(Boolean) : [],
        expires_at: v.expires_at ? new Date(v.expires_at + ':00Z').toISOString() : null,
        metadata: parseMetadata(v.metadata),
      });
      await reload();
      fill(main.querySelector('#key-status'), notice('ok', 'Saved.'));
    } catch (err) { fail(err); }
  } } },
  field('Alias', input('alias', { value: k.alias, maxlength: 128 })),
  field('Models', input('models', { value: k.models.join(', '), placeholder: 'all the tenant allows' }), 'comma-separated; empty: all'),
  field('Expires (UTC)', input('expires_at', { type: 'datetime-local', value: k.expires_at ? k.expires_at.slice(0, 16) : '' })),
  field('Metadata', h('textarea', { name: 'metadata', rows: 3 }, metadataText(k.metadata)), 'one name=value per line'),
  h('button', { type: 'submit', class: 'primary' }, 'Save'));

  const rotate = h('form', { id: 'rotate-key', class: 'inline-form', on: { submit: async (e) => {
    e.preventDefault();
    try {
      const r = await api.post('/keys/' + api.enc(id) + '/rotate', { grace_period_seconds: Number(formValues(rotate).grace || 0) });
      fill(secret, secretBox(r.key, 'New secret for “' + (r.alias || r.id) + '”'),
        h('p', {}, r.previous_key_valid_until ? 'The previous secret works until ' + r.previous_key_valid_until + '.' : 'The previous secret stopped working now.'));
    } catch (err) { fail(err); }
  } } },
  field('Grace (seconds)', input('grace', { value: '3600', inputmode: 'numeric' }), 'the old secret keeps working this long; 0 stops it now'),
  h('button', { type: 'submit' }, 'Rotate'));

  const blockButton = h('button', { type: 'button', id: 'block-key', on: { click: async () => {
    try { await api.post('/keys/' + api.enc(id) + (k.blocked ? '/unblock' : '/block')); await reload(); } catch (err) { fail(err); }
  } } }, k.blocked ? 'Unblock' : 'Block');

  const confirmDelete = h('button', { type: 'button', id: 'confirm-delete', class: 'danger', hidden: true, on: { click: async () => {
    try { await api.del('/keys/' + api.enc(id)); go('/keys', { tenant: k.tenant }); } catch (err) { fail(err); }
  } } }, 'Yes, delete it');
  const deleteButton = h('button', { type: 'button', id: 'delete-key', class: 'danger', on: { click: () => {
    confirmDelete.hidden = false;
    confirmDelete.focus();
  } } }, 'Delete…');

  const panels = [await limitsPanel('/keys/' + api.enc(id) + '/limits', 'This key’s budget and limits', true)];
  if (k.team) panels.push(await limitsPanel('/tenants/' + api.enc(k.tenant) + '/teams/' + api.enc(k.team) + '/limits', 'Team ' + k.team, false));
  panels.push(await limitsPanel('/tenants/' + api.enc(k.tenant) + '/limits', 'Tenant ' + k.tenant, false));

  fill(main,
    h('p', {}, h('a', { href: '#/keys?tenant=' + encodeURIComponent(k.tenant) }, '← Keys of ' + k.tenant)),
    h('h1', {}, 'Key ', h('span', { id: 'key-alias' }, k.alias || k.id)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Id'), h('dd', {}, h('code', {}, k.id)),
      h('dt', {}, 'Secret'), h('dd', {}, h('code', {}, k.masked_key)),
      h('dt', {}, 'Owner'), h('dd', {}, k.tenant + (k.team ? ' / ' + k.team : '')),
      h('dt', {}, 'Role'), h('dd', {}, k.role),
      h('dt', {}, 'Status'), h('dd', { id: 'key-state' }, k.blocked ? 'blocked' : 'active'),
      h('dt', {}, 'Previous secret'), h('dd', {}, k.previous_key_valid_until ? 'valid until ' + k.previous_key_valid_until : '—'),
      h('dt', {}, 'Metadata'), h('dd', {}, Object.keys(k.metadata).length ? h('ul', { class: 'plain' }, Object.entries(k.metadata).map(([a, b]) => h('li', {}, a + ' = ' + b))) : '—'),
      h('dt', {}, 'Created'), h('dd', {}, k.created_at)),
    h('p', {}, h('a', { href: '#/spend?' + new URLSearchParams({ tenant: k.tenant, key: k.id, by: 'model' }) }, 'Spend of this key →')),
    status, secret,
    h('section', { class: 'card' }, h('h2', {}, 'Actions'), h('p', { class: 'actions' }, blockButton, ' ', deleteButton, ' ', confirmDelete), rotate),
    h('section', { class: 'card' }, h('h2', {}, 'Edit'), edit),
    ...panels);
}
