import { h, fill, field, input, table, formValues } from '../dom.js';
import { api, session } from '../api.js';
import { go } from '../main.js';

function changes(a) {
  const names = [...new Set([...Object.keys(a.before ?? {}), ...Object.keys(a.after ?? {})])].sort();
  const changed = names.filter((n) => (a.before ?? {})[n] !== (a.after ?? {})[n]);
  if (!changed.length) return h('span', { class: 'muted' }, '—');
  return h('dl', { class: 'changes' }, changed.map((n) => [h('dt', {}, n),
    h('dd', {}, n in (a.before ?? {}) ? h('del', {}, a.before[n]) : null, n in (a.before ?? {}) && n in (a.after ?? {}) ? ' → ' : '',
      n in (a.after ?? {}) ? h('ins', {}, a.after[n]) : null)]));
}

export async function auditPage(main, params) {
  const page = await api.get('/audit', { tenant: params.tenant, before: params.before, limit: 50 });
  const form = h('form', { class: 'filters', on: { submit: (e) => { e.preventDefault(); go('/audit', { tenant: formValues(form).tenant }); } } },
    session().role === 'platform_admin' ? field('Tenant', input('tenant', { value: params.tenant ?? '' })) : null,
    h('button', { type: 'submit' }, 'Filter'));
  const rows = page.data.map((a) => h('tr', {},
    h('td', {}, a.at), h('td', {}, a.actor), h('td', {}, a.tenant ?? '—'), h('td', {}, a.action),
    h('td', {}, a.object_type + ' ' + a.object_id), h('td', {}, changes(a))));
  fill(main, h('h1', {}, 'Audit log'), form,
    table(['When', 'Who', 'Tenant', 'Action', 'Object', 'Changes'], rows, { id: 'audit-table' }),
    h('p', { class: 'pager' }, params.before ? h('a', { href: '#/audit' + (params.tenant ? '?tenant=' + encodeURIComponent(params.tenant) : '') }, '← Newest') : null,
      page.has_more ? h('a', { href: '#/audit?' + new URLSearchParams({ ...(params.tenant ? { tenant: params.tenant } : {}), before: page.next_before }) }, 'Older →') : null));
}
