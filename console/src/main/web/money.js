// Money as the API sends it: decimal USD strings with up to nine decimals. Sums are exact
// (BigInt nano-USD); numbers are used only to draw bars and charts, never to show a total.

const NANOS = 1_000_000_000n;

export function toNanos(usd) {
  const s = String(usd ?? '0').trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,9}))?$/.exec(s);
  if (!m) throw new Error('not a USD amount: ' + s);
  const n = BigInt(m[2]) * NANOS + BigInt((m[3] ?? '').padEnd(9, '0'));
  return m[1] ? -n : n;
}

export function fromNanos(n) {
  const neg = n < 0n;
  const abs = neg ? -n : n;
  const frac = (abs % NANOS).toString().padStart(9, '0');
  return (neg ? '-' : '') + (abs / NANOS).toString() + '.' + frac;
}

/** For people: two decimals when the amount has no finer part, else as many as it needs. */
export function usd(value) {
  const s = typeof value === 'bigint' ? fromNanos(value) : String(value ?? '0');
  const [int, frac = ''] = s.split('.');
  const trimmed = frac.replace(/0+$/, '');
  return '$' + int + '.' + (trimmed.length <= 2 ? trimmed.padEnd(2, '0') : trimmed);
}

export function sum(values) {
  return values.reduce((a, v) => a + toNanos(v), 0n);
}

/** A plotting number (float) for a chart axis only. */
export function plot(value) {
  return Number(toNanos(value)) / 1e9;
}
