import { h, fill, notice, field, input, select, table, formValues } from '../dom.js';
import { api, session } from '../api.js';
import { go } from '../main.js';
import { toNanos, fromNanos, usd, plot } from '../money.js';
import { stackedChart } from './chart.js';

/** Groups the API draws one by one (top=); the rest of each day is the API's "other". */
const TOP = 8;
const ENTRIES_PAGE = 50;
/** Rows of the top-spenders table (the API's rows=: it sums the other groups as "rest"). */
const TABLE_ROWS = 50;
const BY = [['model', 'model'], ['key', 'key'], ['team', 'team'], ['end_user', 'end user']];

function day(d) {
  return d.toISOString().slice(0, 10);
}

function defaults(params) {
  const to = params.to ?? day(new Date(Date.now() + 86_400_000));
  const from = params.from ?? day(new Date(Date.parse(to) - 30 * 86_400_000));
  return { ...params, from, to, by: params.by ?? 'model' };
}

/** Every date from..to (exclusive), so that days without spend are drawn as empty, not skipped. */
function days(from, to) {
  const out = [];
  for (let t = Date.parse(from); t < Date.parse(to) && out.length < 400; t += 86_400_000) out.push(day(new Date(t)));
  return out;
}

/** The groups, costliest first (the API ranks them already with rows=; each amount read once). */
function costliest(groups) {
  return groups.map((g) => [toNanos(g.cost_usd), g]).sort(([x], [y]) => (x < y ? 1 : x > y ? -1 : 0)).map(([, g]) => g);
}
const named = (g) => (g === '' ? '(none)' : g);

/**
 * One report answers the page (GET /spend?group_by=day,<by>&top=8&rows=50): the total, the 50
 * costliest groups' totals and the rest summed, and per day the top groups' cells and the rest
 * as "other". The page draws those numbers
 * as they are; it only adds them up to say that they agree with the total.
 */
export async function spendPage(main, raw) {
  const p = defaults(raw);
  if (session().role !== 'platform_admin') p.tenant = p.tenant ?? session().tenant;
  const filters = { from: p.from, to: p.to, tenant: p.tenant, team: p.team, key: p.key, model: p.model, end_user: p.end_user };
  const offset = Number(raw.offset ?? 0);
  // Both asked at once; a refusal of one is reported through the report's await.
  const firstEntries = api.get('/spend/entries', { ...filters, offset, limit: ENTRIES_PAGE });
  firstEntries.catch(() => {});
  const report = await api.get('/spend', { ...filters, group_by: 'day,' + p.by, top: TOP, rows: TABLE_ROWS });
  performance.mark('tollgate:spend-report'); // console/e2e/measure.mjs reads these two marks
  const labels = days(p.from, p.to);
  const byDay = new Map(report.days.map((d) => [d.day, d]));
  const datasets = report.top_groups.map((g) => ({
    label: named(g),
    data: labels.map((d) => plot(byDay.get(d)?.groups.find((c) => c.group === g)?.cost_usd ?? '0')),
  }));
  if (report.days.some((d) => d.other)) datasets.push({ label: 'other', data: labels.map((d) => plot(byDay.get(d)?.other?.cost_usd ?? '0')) });

  const totalNanos = toNanos(report.total.cost_usd);
  const groupSum = report.groups.reduce((a, g) => a + toNanos(g.cost_usd), toNanos(report.rest?.cost_usd ?? '0'));
  const daySum = report.days.reduce((a, d) => a + toNanos(d.cost_usd), 0n);
  const groups = costliest(report.groups);

  const form = h('form', { class: 'filters', id: 'spend-filters', on: { submit: (e) => {
    e.preventDefault();
    go('/spend', formValues(form));
  } } },
  field('From', input('from', { type: 'date', value: p.from })),
  field('To', input('to', { type: 'date', value: p.to })),
  session().role === 'platform_admin' ? field('Tenant', input('tenant', { value: p.tenant ?? '' })) : null,
  field('Team', input('team', { value: p.team ?? '' })),
  field('Key', input('key', { value: p.key ?? '' })),
  field('Model', input('model', { value: p.model ?? '' })),
  field('End user', input('end_user', { value: p.end_user ?? '' })),
  field('Stack by', select('by', [...BY, ...(session().role === 'platform_admin' ? [['tenant', 'tenant']] : [])], p.by)),
  h('button', { type: 'submit' }, 'Show'));

  const byName = BY.find(([v]) => v === p.by)?.[1] ?? p.by;
  const canvas = h('canvas', { id: 'spend-chart', role: 'img', 'aria-label': `Spend per day from ${p.from} to ${p.to}, stacked by ${byName}` });
  const topRows = groups.slice(0, TABLE_ROWS).map((g) => h('tr', {},
    h('td', {}, g.group === '' ? '(none)' : drill(p, g.group)),
    h('td', { class: 'num' }, usd(g.cost_usd)), h('td', { class: 'num' }, String(g.requests)),
    h('td', { class: 'num' }, inputOf(g.usage)), h('td', { class: 'num' }, String(g.usage.output_tokens))));

  const entries = h('section', { class: 'card', id: 'entries' });
  fill(main,
    h('h1', {}, 'Spend'),
    form,
    h('section', { class: 'card totals' },
      h('p', {}, 'Total ', h('strong', { id: 'spend-total' }, usd(report.total.cost_usd)), ' (', h('code', { id: 'spend-total-exact' }, report.total.cost_usd), ' USD) over ',
        h('strong', { id: 'spend-requests' }, String(report.total.requests)), ' requests'),
      h('p', { class: groupSum === totalNanos && daySum === totalNanos ? 'muted' : 'warn', id: 'spend-check' },
        groupSum === totalNanos && daySum === totalNanos
          ? 'The rows and the days below add up to this total exactly.'
          : `Rows add up to ${fromNanos(groupSum)}, days to ${fromNanos(daySum)}: not the total; report this.`),
      h('p', {}, h('a', { href: api.exportUrl(filters), download: 'spend.csv', id: 'export-csv' }, 'Export these entries as CSV'))),
    h('section', { class: 'card chart-card' }, h('h2', {}, 'Per day'), h('div', { class: 'chart-box' }, canvas)),
    h('section', { class: 'card' }, h('h2', {}, 'Top spenders by ' + byName),
      table([byName, 'Cost', 'Requests', 'Input tokens', 'Output tokens'], topRows, { id: 'top-table' }),
      report.groups_count > groups.length ? h('p', { class: 'muted', id: 'top-more' }, `The ${groups.length} costliest of ${report.groups_count}; the CSV export has every entry.`) : null),
    entries,
    h('form', { class: 'inline-form', on: { submit: (e) => { e.preventDefault(); const id = formValues(e.target).request; if (id) go('/spend/requests/' + encodeURIComponent(id)); } } },
      field('Find one request by its id', input('request', { placeholder: 'x-request-id' })), h('button', { type: 'submit' }, 'Find')));
  stackedChart(canvas, labels, datasets);
  performance.mark('tollgate:spend-drawn');
  await entriesTable(entries, filters, offset, firstEntries);
}

/** Input tokens, and the seconds of audio a transcription read when there are any. */
function inputOf(usage) {
  return String(usage.input_tokens) + (Number(usage.audio_seconds) > 0 ? ` + ${usage.audio_seconds} s audio` : '');
}

function drill(p, group) {
  const next = { ...p, [p.by]: group, by: p.by === 'model' ? 'key' : 'model' };
  return h('a', { href: '#/spend?' + new URLSearchParams(Object.entries(next).filter(([, v]) => v)) }, group);
}

async function entriesTable(box, filters, offset, asked) {
  const page = await (asked ?? api.get('/spend/entries', { ...filters, offset, limit: ENTRIES_PAGE }));
  const rows = page.data.map((e) => h('tr', {},
    h('td', {}, h('a', { href: '#/spend/requests/' + encodeURIComponent(e.request_id) }, e.request_id)),
    h('td', {}, e.started_at), h('td', {}, e.key), h('td', {}, e.model), h('td', {}, e.end_user ?? '—'),
    h('td', { class: 'num' }, inputOf(e.usage)), h('td', { class: 'num' }, String(e.usage.output_tokens)),
    h('td', { class: 'num' }, usd(e.cost_usd))));
  const more = async (to) => { await entriesTable(box, filters, to); box.querySelector('a, button')?.focus(); };
  fill(box, h('h2', {}, 'Ledger entries'),
    table(['Request', 'Started', 'Key', 'Model', 'End user', 'Input', 'Output', 'Cost'], rows, { id: 'entries-table' }),
    h('p', { class: 'pager' },
      offset > 0 ? h('button', { type: 'button', on: { click: () => more(Math.max(0, offset - ENTRIES_PAGE)) } }, '← Newer') : null,
      page.has_more ? h('button', { type: 'button', on: { click: () => more(page.next_offset) } }, 'More →') : null));
}

export async function requestPage(main, params, id) {
  let e;
  try {
    e = await api.get('/spend/requests/' + api.enc(id));
  } catch (err) {
    fill(main, h('h1', {}, 'Request'), notice('error', err.message));
    return;
  }
  const row = (k, v) => [h('dt', {}, k), h('dd', {}, v ?? '—')];
  fill(main, h('h1', {}, 'Request ', h('code', {}, e.request_id)),
    h('dl', { class: 'facts', id: 'request-facts' },
      row('Tenant', e.tenant), row('Team', e.team), row('Key', h('a', { href: '#/keys/' + encodeURIComponent(e.key) }, e.key)),
      row('Model', e.model), row('End user', e.end_user), row('Cost', usd(e.cost_usd) + ' (' + e.cost_usd + ' USD)'),
      row('Source', e.source), row('Price from', e.price_effective_from), row('Started', e.started_at), row('Recorded', e.recorded_at),
      row('Overage', e.overage ? 'yes' : 'no'),
      ...Object.entries(e.usage).map(([k, v]) => row(k.replaceAll('_', ' '), String(v)))));
}
