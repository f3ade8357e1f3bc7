// Bundles src/main/web into the directory given (the Maven build passes target/classes/dev/tollgate/console):
// index.html as is, app.js (every module and Chart.js in one minified file) and app.css.
// Nothing is fetched at run time: the page needs only these three files from its own origin.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2] ?? 'target/classes/dev/tollgate/console';
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { app: 'src/main/web/main.js' },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  outdir: out,
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync('src/main/web/index.html', join(out, 'index.html'));
