import { h, fill, notice } from '../dom.js';
import { signIn } from '../api.js';

export function signInPage(main, done) {
  const status = h('div', { 'aria-live': 'polite' });
  const key = h('input', { id: 'sign-in-key', name: 'key', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
  const form = h('form', { id: 'sign-in', class: 'card narrow', on: { submit: async (e) => {
    e.preventDefault();
    fill(status);
    try {
      await signIn(key.value.trim());
      key.value = '';
      done();
    } catch (err) {
      fill(status, notice('error', err.message));
    }
  } } },
  h('h1', {}, 'Sign in'),
  h('p', { class: 'muted' }, 'With the master key (platform admin) or a tenant admin key. The key is exchanged for a session; it is not kept in this browser.'),
  h('label', { class: 'field' }, h('span', {}, 'Admin key'), key),
  h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
  status);
  fill(main, form);
  document.title = 'Sign in · Tollgate';
  main.dataset.ready = '/signin';
  key.focus();
}
