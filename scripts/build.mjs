// Build the web app (web/ → web/dist) with Vite, but only when something under web/ is newer
// than the last build, so `npm start` stays fast on the second run. `--force` always builds.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const dist = join(web, 'dist');
const marker = join(dist, 'index.html');
const SKIP = new Set(['dist', 'node_modules', '.vite']);

/** Newest modification time under dir (ignoring the build output), and the file that has it. */
function newest(dir) {
  let best = { mtime: 0, file: '' };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    const found = entry.isDirectory() ? newest(path) : { mtime: statSync(path).mtimeMs, file: path };
    if (found.mtime > best.mtime) best = found;
  }
  return best;
}

// The web app also imports the shared region vocabulary from the server's model.
// Server files the web app imports (shared vocabulary and wire types) also make the build stale.
const shared = ['src/modules/regions/regions.model.ts', 'src/modules/regions/regions.views.ts', 'src/modules/accounts/accounts.views.ts', 'src/modules/accounts/permissions.ts', 'src/modules/zones/zones.views.ts'];
const sources = [newest(web), ...shared.map((f) => ({ mtime: statSync(join(root, f)).mtimeMs, file: join(root, f) }))];
const latest = sources.reduce((a, b) => (b.mtime > a.mtime ? b : a));
const force = process.argv.includes('--force');
const builtAt = existsSync(marker) ? statSync(marker).mtimeMs : 0;

if (!force && builtAt >= latest.mtime) {
  console.log(`web: up to date (web/dist built ${new Date(builtAt).toISOString()}), skipping build`);
  process.exit(0);
}

const reason = force ? '--force' : builtAt ? `${relative(root, latest.file)} changed` : 'web/dist missing';
console.log(`web: building (${reason}) …`);
const started = Date.now();
const { build } = await import('vite');
await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
console.log(`web: built web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
