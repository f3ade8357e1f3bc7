import { h, fill, notice, field, input, table, formValues } from '../dom.js';
import { api, session } from '../api.js';

const FIELDS = [['input_usd_per_mtok', 'Input'], ['cached_input_usd_per_mtok', 'Cached input'], ['cache_write_input_usd_per_mtok', 'Cache write'],
  ['output_usd_per_mtok', 'Output'], ['reasoning_usd_per_mtok', 'Reasoning'], ['request_fee_usd', 'Request fee']];

function report(r) {
  const section = (name) => (r[name]?.length ? h('div', {}, h('h3', {}, name + ' (' + (r.counts?.[name] ?? r[name].length) + ')'),
    h('ul', {}, r[name].map((x) => h('li', {}, typeof x === 'string' ? x : Object.entries(x).map(([k, v]) => k + ': ' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(', '))))) : null);
  return h('div', { id: 'import-report', class: 'card' }, h('h2', {}, 'Import report'),
    h('p', {}, Object.entries(r.counts ?? {}).map(([k, v]) => k + ': ' + v).join(' · ') + (r.truncated ? ' (lists cut at 100)' : '')),
    ['added', 'unchanged', 'conflicts', 'unpriced', 'problems'].map(section));
}

export async function pricesPage(main, params) {
  const platform = session().role === 'platform_admin';
  const prices = await api.get('/prices', { model: params.model });
  const data = prices.data ?? prices;
  const byModel = new Map();
  for (const p of data) byModel.set(p.model, [...(byModel.get(p.model) ?? []), p]);
  const status = h('div', { 'aria-live': 'polite' });
  const rows = [...byModel.entries()].flatMap(([model, versions]) => versions.map((p, i) => h('tr', {},
    h('td', {}, i === 0 ? model : ''), h('td', {}, p.effective_from), ...FIELDS.map(([k]) => h('td', { class: 'num' }, p[k] ?? '—')))));

  const add = h('form', { id: 'add-price', class: 'grid', on: { submit: async (e) => {
    e.preventDefault();
    const v = formValues(add);
    const body = { model: v.model, input_usd_per_mtok: v.input_usd_per_mtok, output_usd_per_mtok: v.output_usd_per_mtok };
    for (const k of ['cached_input_usd_per_mtok', 'cache_write_input_usd_per_mtok', 'reasoning_usd_per_mtok', 'request_fee_usd']) if (v[k]) body[k] = v[k];
    if (v.effective_from) body.effective_from = new Date(v.effective_from + ':00Z').toISOString();
    try { await api.post('/prices', body); await pricesPage(main, params); } catch (err) { fill(status, notice('error', err.message)); }
  } } },
  field('Model', input('model', { required: true })),
  ...FIELDS.map(([k, label]) => field(label + (k.endsWith('mtok') ? ' USD / M tokens' : ' USD'), input(k, { inputmode: 'decimal', required: k === 'input_usd_per_mtok' || k === 'output_usd_per_mtok' }))),
  field('Effective from (UTC)', input('effective_from', { type: 'datetime-local' }), 'empty: now'),
  h('button', { type: 'submit', class: 'primary' }, 'Add version'));

  const reportBox = h('div');
  const file = h('input', { type: 'file', name: 'file', accept: 'application/json,.json', id: 'price-file' });
  const importForm = h('form', { id: 'import-prices', class: 'grid', on: { submit: async (e) => {
    e.preventDefault();
    if (!file.files?.[0]) { fill(status, notice('error', 'Choose LiteLLM’s model_prices_and_context_window.json first.')); return; }
    const text = await file.files[0].text();
    try {
      fill(reportBox, report(await api.postRaw('/prices/import', text)));
    } catch (err) {
      fill(reportBox, notice('error', err.message), err.body?.counts ? report(err.body) : null);
    }
  } } },
  field('LiteLLM price file', file), h('button', { type: 'submit' }, 'Import'));

  fill(main, h('h1', {}, 'Prices'),
    h('p', { class: 'muted' }, 'USD per million tokens. Versions are add-only; the one in force at a request’s start prices it.'),
    status,
    table(['Model', 'Effective from', ...FIELDS.map(([, l]) => l)], rows, { id: 'prices-table' }),
    platform ? h('details', { class: 'card' }, h('summary', { id: 'add-price-summary' }, 'Add a price version'), add) : null,
    platform ? h('details', { class: 'card' }, h('summary', { id: 'import-prices-summary' }, 'Import LiteLLM’s price file'), importForm) : null,
    reportBox);
}
