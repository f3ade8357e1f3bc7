// The console's only way to the server: /ui/session for the session, /admin/v1 for everything
// else, with the session cookie (HttpOnly, set by the server) and, on every change, the CSRF
// token the server handed this page. Nothing is kept in localStorage or sessionStorage.

let csrf = null;
let who = null;

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? ('HTTP ' + status));
    this.status = status;
    this.code = body?.error?.code ?? null;
    this.param = body?.error?.param ?? null;
    this.body = body;
  }
}

export function session() {
  return who;
}

async function call(method, path, body, raw) {
  const headers = {};
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf ?? '';
  let payload;
  if (raw !== undefined) {
    payload = raw;
    headers['Content-Type'] = 'application/json';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!res.ok) {
    const err = new ApiError(res.status, json);
    if (res.status === 401 && path !== '/ui/session') {
      who = null;
      csrf = null;
      window.dispatchEvent(new CustomEvent('tollgate:signed-out', { detail: err.message }));
    }
    throw err;
  }
  return json;
}

export async function restore() {
  try {
    const s = await call('GET', '/ui/session');
    csrf = s.csrf_token;
    who = s;
  } catch {
    who = null;
  }
  return who;
}

export async function signIn(key) {
  const s = await call('POST', '/ui/session', { key });
  csrf = s.csrf_token;
  who = s;
  return s;
}

export async function signOut() {
  try { await call('DELETE', '/ui/session'); } finally { who = null; csrf = null; }
}

/** Query string from an object, skipping empty values. */
export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? '?' + s : '';
}

const A = '/admin/v1';
const enc = encodeURIComponent;

export const api = {
  get: (path, params = {}) => call('GET', A + path + qs(params)),
  post: (path, body) => call('POST', A + path, body ?? {}),
  postRaw: (path, text) => call('POST', A + path, undefined, text),
  patch: (path, body) => call('PATCH', A + path, body),
  put: (path, body) => call('PUT', A + path, body),
  del: (path) => call('DELETE', A + path),
  exportUrl: (params) => A + '/spend/export.csv' + qs(params),
  enc,
};
