// Measures the console with a large tenant (ConsoleScaleMeasurement seeds tenant "big": 10,000
// keys, a year of daily spend for 50 models): first contentful paint of /ui, then, per page, the
// time from the address change until the page has rendered its data (main[data-ready]). Each page
// is loaded three times; the median is reported. A measurement, not a test: it prints numbers.
// DETAIL=1 (in the environment of the Maven run) measures only the spend pages and prints, per
// load, each API call's start, first byte, end and size, and the page's marks (ms after 'go').
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { launch, watchedPage, ready } from './browser.mjs';

const BASE = process.env.TOLLGATE_URL;
const OUT = process.env.ARTIFACTS || 'target/console-scale';
mkdirSync(OUT, { recursive: true });
const day = (t) => new Date(t).toISOString().slice(0, 10);
const to = day(Date.now() + 86_400_000);
const from = day(Date.now() - 364 * 86_400_000);
const ALL = [
  ['keys, first page of 10,000', '#/keys?tenant=big', '/keys'],
  ['keys, last page (offset 9,950)', '#/keys?tenant=big&offset=9950', '/keys'],
  ['keys, one team', '#/keys?tenant=big&team=team-7', '/keys'],
  ['keys, search "key-999" (the API\'s q)', '#/keys?tenant=big&q=key-999', '/keys'],
  ['spend, a year by model (50 models)', `#/spend?tenant=big&from=${from}&to=${to}&by=model`, '/spend'],
  ['spend, a year by key', `#/spend?tenant=big&from=${from}&to=${to}&by=key`, '/spend'],
  ['spend, a year by team', `#/spend?tenant=big&from=${from}&to=${to}&by=team`, '/spend'],
  ['spend, a year by end user (raw rows)', `#/spend?tenant=big&from=${from}&to=${to}&by=end_user`, '/spend'],
  ['tenant page (20 teams, bars)', '#/tenants/big', '/tenants/big'],
  ['tenants', '#/tenants', '/tenants'],
  ['prices', '#/prices', '/prices'],
  ['audit', '#/audit?tenant=big', '/audit'],
];
const PAGES = process.env.DETAIL ? ALL.filter((p) => p[0].startsWith('spend')) : ALL;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const problems = [];
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await watchedPage(context, problems);
  const paints = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(BASE + '/ui/#/signin', { waitUntil: 'load' });
    await ready(page, '/signin');
    paints.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1));
  }
  await page.fill('#sign-in-key', process.env.TOLLGATE_MASTER_KEY);
  await page.click('#sign-in button[type=submit]');
  await ready(page, '/keys');
  const rows = [['first contentful paint of /ui', median(paints), '', '']];
  for (const [name, hash, path] of PAGES) {
    const times = [];
    const waits = [];
    const spend = [];
    for (let i = 0; i < 3; i++) {
      await page.evaluate(() => { location.hash = '#/signin-none'; delete document.querySelector('main').dataset.ready; });
      const start = Date.now();
      await page.evaluate((h) => { performance.clearResourceTimings(); performance.clearMarks(); performance.mark('go'); location.hash = h; }, hash);
      await ready(page, path, 120_000);
      times.push(Date.now() - start);
      if (process.env.DETAIL) console.log('DETAIL', name, Date.now() - start, JSON.stringify(await page.evaluate(() => {
        const go = performance.getEntriesByName('go')[0].startTime;
        return [performance.getEntriesByType('resource').map((e) => [e.name.slice(-60), Math.round(e.startTime - go), Math.round(e.responseStart - go), Math.round(e.responseEnd - go), e.transferSize, e.decodedBodySize]),
          performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime - go)])];
      })));
      // From the address change to the last API answer's end: the rest is the page's own work.
      waits.push(await page.evaluate(() => Math.max(0, ...performance.getEntriesByType('resource').map((e) => e.responseEnd))
        - performance.getEntriesByName('go')[0].startTime));
      // The spend page marks when its report arrived and when its chart was drawn.
      spend.push(await page.evaluate(() => {
        const at = (n) => performance.getEntriesByName(n)[0]?.startTime;
        const go = at('go');
        return at('tollgate:spend-drawn') === undefined ? null
          : [at('tollgate:spend-report') - go, at('tollgate:spend-drawn') - at('tollgate:spend-report')];
      }));
    }
    const marks = spend.every((m) => m) ? `report in ${Math.round(median(spend.map((m) => m[0])))} ms, chart drawn in ${Math.round(median(spend.map((m) => m[1])))} ms; ` : '';
    const all = await page.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => [Math.round(e.duration), decodeURIComponent(e.name.replace(location.origin, ''))]).sort((a, b) => b[0] - a[0]));
    rows.push([name, median(times), median(waits), marks + all.length + ' calls; ' + all.slice(0, 3).map(([ms, u]) => ms + ' ms ' + u).join('; ')]);
    await page.screenshot({ path: join(OUT, path.replaceAll('/', '_') + '-' + rows.length + '.png'), fullPage: false });
  }
  console.log('| page | median ms (3 loads) | of which waiting for the API | API calls of the last load (slowest first) |\n|---|---:|---:|---|');
  for (const [name, ms, wait, calls] of rows) console.log(`| ${name} | ${Math.round(ms)} | ${wait === '' ? '' : Math.round(wait)} | ${calls} |`);
  if (problems.length) console.log('problems:\n' + problems.join('\n'));
} finally {
  await browser.close();
}
