// Build the web app (web/ → web/dist) with Vite, but only when something under web/ is newer
// than the last build, so `npm start` stays fast on the second run. `--force` always builds.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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

// Server files the web app imports (shared vocabulary and wire types), and what they import in
// turn, also make the build stale: found by following import specifiers from web/src.
function serverImports() {
  const found = new Set();
  const queue = [];
  const scan = (file) => {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
      let target = resolve(dirname(file), m[1]);
      if (!target.endsWith('.ts') && !target.endsWith('.tsx')) target += '.ts';
      if (target.startsWith(join(root, 'src')) && existsSync(target) && !found.has(target)) {
        found.add(target);
        queue.push(target);
      }
    }
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name)) scan(path);
    }
  };
  walk(join(web, 'src'));
  while (queue.length) scan(queue.pop());
  return [...found];
}
const sources = [newest(web), ...serverImports().map((f) => ({ mtime: statSync(f).mtimeMs, file: f }))];
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
