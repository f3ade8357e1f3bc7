import { h, fill, notice, field, input, select, formValues } from '../dom.js';
import { api } from '../api.js';
import { toNanos, usd } from '../money.js';

function bar(label, parts, max, caption) {
  const track = h('div', { class: 'track' });
  for (const [cls, amount, title] of parts) {
    const seg = h('div', { class: 'seg ' + cls, title });
    seg.style.width = max > 0 ? Math.min(100, (amount / max) * 100).toFixed(2) + '%' : '0%';
    track.appendChild(seg);
  }
  return h('div', { class: 'bar', role: 'group', 'aria-label': label },
    h('div', { class: 'bar-label' }, h('strong', {}, label), ' ', h('span', { class: 'muted' }, caption)), track);
}

function budgetBar(b) {
  const limit = Number(toNanos(b.limit_usd));
  const posted = Number(toNanos(b.posted_usd));
  const held = Number(toNanos(b.held_usd));
  const el = bar('Budget', [['posted', posted, 'posted ' + usd(b.posted_usd)], ['held', held, 'held ' + usd(b.held_usd)]], limit,
    `${usd(b.posted_usd)} posted · ${usd(b.held_usd)} held · ${usd(b.remaining_usd)} remaining of ${usd(b.limit_usd)} (${b.period.toLowerCase()})`
      + (b.window_end ? ` · turns ${b.window_end}` : ''));
  if (b.soft_limit_usd) {
    const mark = h('div', { class: 'soft', title: 'soft limit ' + usd(b.soft_limit_usd) });
    mark.style.left = Math.min(100, (Number(toNanos(b.soft_limit_usd)) / limit) * 100).toFixed(2) + '%';
    el.querySelector('.track').appendChild(mark);
    el.appendChild(h('div', { class: b.soft_limit_reached ? 'warn' : 'muted' },
      'Soft limit ' + usd(b.soft_limit_usd) + (b.soft_limit_reached ? ' — reached' : '')));
  }
  return el;
}

function rateBar(label, r) {
  return bar(label, [['posted', r.used, r.used + ' used']], r.limit, `${r.used} of ${r.limit} this minute · resets in ${r.reset_seconds}s`);
}

/** The limits of one scope as bars: budget (posted, held, remaining, soft), RPM, TPM, parallel. */
export function limitBars(l) {
  const bars = [];
  if (l.budget) bars.push(budgetBar(l.budget));
  if (l.rpm) bars.push(rateBar('Requests per minute', l.rpm));
  if (l.tpm) bars.push(rateBar('Tokens per minute', l.tpm));
  if (l.parallel) bars.push(bar('Parallel requests', [['posted', l.parallel.in_flight, l.parallel.in_flight + ' in flight']], l.parallel.max_in_flight,
    `${l.parallel.in_flight} of ${l.parallel.max_in_flight} in flight`));
  return bars.length ? h('div', { class: 'bars' }, bars) : h('p', { class: 'muted' }, 'No budget or limits at this scope.');
}

/** A panel: the scope's bars and a form that PUTs its limits (blank removes, as the API reads null). */
export async function limitsPanel(path, title, canEdit) {
  const box = h('section', { class: 'card', 'aria-label': title });
  const load = async () => {
    const l = await api.get(path);
    const b = l.budget ?? {};
    const status = h('div', { 'aria-live': 'polite' });
    const form = h('form', { class: 'grid', on: { submit: async (e) => {
      e.preventDefault();
      const v = formValues(form);
      const body = {
        budget: v.limit_usd ? { limit_usd: v.limit_usd, period: v.period, soft_limit_usd: v.soft_limit_usd || null } : null,
        rpm: v.rpm ? Number(v.rpm) : null,
        tpm: v.tpm ? Number(v.tpm) : null,
        max_parallel: v.max_parallel ? Number(v.max_parallel) : null,
      };
      try { await api.put(path, body); await load(); } catch (err) { fill(status, notice('error', err.message)); }
    } } },
    field('Budget USD', input('limit_usd', { value: b.limit_usd ?? '', inputmode: 'decimal', placeholder: 'none' })),
    field('Period', select('period', [['monthly', 'monthly'], ['weekly', 'weekly'], ['daily', 'daily'], ['lifetime', 'lifetime']], (b.period ?? 'MONTHLY').toLowerCase())),
    field('Soft limit USD', input('soft_limit_usd', { value: b.soft_limit_usd ?? '', inputmode: 'decimal', placeholder: 'none' })),
    field('RPM', input('rpm', { value: l.rpm?.limit ?? '', inputmode: 'numeric', placeholder: 'none' })),
    field('TPM', input('tpm', { value: l.tpm?.limit ?? '', inputmode: 'numeric', placeholder: 'none' })),
    field('Max parallel', input('max_parallel', { value: l.parallel?.max_in_flight ?? '', inputmode: 'numeric', placeholder: 'none' })),
    h('button', { type: 'submit' }, 'Save limits'), status);
    fill(box, h('h2', {}, title), limitBars(l), canEdit ? h('details', {}, h('summary', {}, 'Edit budget and limits'), form) : null);
  };
  try { await load(); } catch (err) { fill(box, h('h2', {}, title), notice('error', err.message)); }
  return box;
}
