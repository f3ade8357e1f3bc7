// /v1 from a web page of another origin, in headless Chromium (CorsBrowserTest): a page on an
// allowed origin (PAGE_ALLOWED) calls chat completions (plain and streamed), Anthropic's messages
// as its SDK does from a browser, and reads a 401's error and the rate-limit and cost headers;
// a page on an origin not listed (PAGE_OTHER) is refused by the browser at the preflight.
// TOLLGATE_URL, TOLLGATE_KEY (a tenant's key). Exit 0 when every step held; else the failed step.
import { launch } from './browser.mjs';

const BASE = process.env.TOLLGATE_URL;
const KEY = process.env.TOLLGATE_KEY;
let step = 'start';

function check(cond, what) {
  if (!cond) throw new Error(what);
}

const browser = await launch();
try {
  step = 'a page on the allowed origin';
  const page = await browser.newPage();
  await page.goto(process.env.PAGE_ALLOWED);
  const r = await page.evaluate(async ({ base, key }) => {
    const json = { 'Content-Type': 'application/json' };
    const openAi = { ...json, Authorization: 'Bearer ' + key, 'X-Stainless-Lang': 'js', 'X-Stainless-Retry-Count': '0' };
    const out = {};
    const chat = await fetch(base + '/v1/chat/completions', { method: 'POST', headers: openAi,
      body: JSON.stringify({ model: 'sim-small', messages: [{ role: 'user', content: 'Hello from a page' }] }) });
    out.chat = { status: chat.status, requestId: chat.headers.get('x-request-id'),
      cost: chat.headers.get('x-tollgate-cost-usd'), budget: chat.headers.get('x-tollgate-budget-remaining-usd'),
      remaining: chat.headers.get('x-ratelimit-remaining-requests'),
      body: await chat.json() };
    const stream = await fetch(base + '/v1/chat/completions', { method: 'POST', headers: openAi,
      body: JSON.stringify({ model: 'sim-small', stream: true, stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'Stream to a page' }] }) });
    const text = await stream.text();
    out.stream = { status: stream.status, type: stream.headers.get('content-type'),
      events: text.split('\n').filter((l) => l.startsWith('data: ')).length, done: text.trimEnd().endsWith('data: [DONE]') };
    const messages = await fetch(base + '/v1/messages', { method: 'POST',
      headers: { ...json, 'x-api-key': key, 'anthropic-version': '2023-06-01', 'anthropic-dangerous-direct-browser-access': 'true' },
      body: JSON.stringify({ model: 'sim-small', max_tokens: 32, messages: [{ role: 'user', content: 'Hello, Claude-style' }] }) });
    out.messages = { status: messages.status, body: await messages.json() };
    const refused = await fetch(base + '/v1/models', { headers: { Authorization: 'Bearer sk-tg-not-a-key' } });
    out.refused = { status: refused.status, body: await refused.json() };
    return out;
  }, { base: BASE, key: KEY });

  step = 'the plain call';
  check(r.chat.status === 200, 'chat status ' + r.chat.status);
  check(r.chat.body.choices?.[0]?.message?.content, 'no completion in ' + JSON.stringify(r.chat.body));
  check(/^req_\w+$/.test(r.chat.requestId || ''), 'x-request-id not readable: ' + r.chat.requestId);
  check(r.chat.cost && r.chat.budget && r.chat.remaining === '59', 'cost, budget or rate headers not readable: ' + JSON.stringify(r.chat));
  step = 'the streamed call';
  check(r.stream.status === 200 && r.stream.type.startsWith('text/event-stream'), 'stream ' + JSON.stringify(r.stream));
  check(r.stream.events > 2 && r.stream.done, 'stream not read to [DONE]: ' + JSON.stringify(r.stream));
  step = "Anthropic's messages";
  check(r.messages.status === 200 && r.messages.body.type === 'message', 'messages ' + JSON.stringify(r.messages));
  step = 'an error';
  check(r.refused.status === 401 && r.refused.body.error?.code === 'invalid_api_key', 'refused ' + JSON.stringify(r.refused));

  step = 'a page on an origin not listed';
  const other = await browser.newPage();
  await other.goto(process.env.PAGE_OTHER);
  const blocked = await other.evaluate(async ({ base, key }) => {
    try {
      const res = await fetch(base + '/v1/chat/completions', { method: 'POST',
        headers: { Authorization: 'Bearer ' + key, 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: 'sim-small', messages: [{ role: 'user', content: 'not allowed' }] }) });
      return 'read ' + res.status;
    } catch (e) {
      return 'blocked: ' + e.name;
    }
  }, { base: BASE, key: KEY });
  check(blocked === 'blocked: TypeError', 'the other origin ' + blocked);
  console.log('every step held');
} catch (e) {
  console.log('FAILED at ' + step + ': ' + e.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
