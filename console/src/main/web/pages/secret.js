import { h, notice } from '../dom.js';

/** A new secret, shown once: a copy button and the plain warning that it will not be shown again. */
export function secretBox(secret, title) {
  const out = h('output', { id: 'new-secret', class: 'secret' }, secret);
  const status = h('span', { 'aria-live': 'polite', class: 'muted' });
  const copy = h('button', { type: 'button', id: 'copy-secret', class: 'primary', on: { click: async () => {
    try {
      await navigator.clipboard.writeText(secret);
      status.textContent = ' Copied.';
    } catch {
      const range = document.createRange();
      range.selectNodeContents(out);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      status.textContent = ' Selected: press Ctrl+C to copy.';
    }
  } } }, 'Copy');
  const box = h('section', { class: 'card secret-box', role: 'alert', 'aria-label': title },
    h('h2', {}, title),
    notice('warn', 'Copy this secret now: you will not see it again. Only its hash is stored.'),
    h('p', {}, out), h('p', {}, copy, status));
  setTimeout(() => copy.focus(), 0);
  return box;
}
