// Starts the real server once for all browser tests: `node bin/wangge.js serve` on a free port with
// a fresh embedded database folder (so it loads the small demo city), waits for /api/v1/health,
// and at the end stops it with Ctrl-C (SIGINT) and insists that it shut down cleanly (exit 0).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));
export const RESULTS_DIR = join(root, 'test-results', 'e2e');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export default async function setup(project: TestProject) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'wangge-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', WANGGE_DATA: dataDir, LOG_LEVEL: 'warn' };
  // Always the embedded database, whatever the caller's shell has set.
  delete env.DATABASE_URL;
  delete env.WANGGE_MODE;
  delete env.WANGGE_NO_DEMO;
  const child = spawn(process.execPath, ['bin/wangge.js', 'serve'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (b: Buffer) => { log += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { log += b.toString(); });
  const saveLog = () => writeFileSync(join(RESULTS_DIR, 'server.log'), log);

  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      saveLog();
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`wangge serve exited early (code ${child.exitCode}, signal ${child.signalCode}):\n${log}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    // The small demo (population, a year of cases, party and workforce) loads in about a minute on a
    // quiet machine; a busy one took over four.
    if (Date.now() - started > 360_000) {
      child.kill('SIGKILL');
      saveLog();
      throw new Error(`wangge serve did not answer /api/v1/health within 360 s:\n${log}`);
    }
    await sleep(250);
  }
  console.log(`e2e: wangge serve is up at ${baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s (data ${dataDir})`);
  project.provide('baseUrl', baseUrl);

  // Vitest reports an error thrown here but still exits 0, so a failed shutdown also sets the exit code.
  const fail = (message: string): never => {
    process.exitCode = 1;
    throw new Error(`${message}\n--- server output ---\n${log}`);
  };
  return async () => {
    child.kill('SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([exited(child), new Promise<null>((r) => { timer = setTimeout(() => r(null), 30_000); })]);
    clearTimeout(timer);
    saveLog();
    if (!result) {
      child.kill('SIGKILL');
      return fail('wangge serve did not stop within 30 s of Ctrl-C (SIGINT)');
    }
    rmSync(dataDir, { recursive: true, force: true });
    if (result.code !== 0) fail(`wangge serve did not shut down cleanly on Ctrl-C: exit code ${result.code}, signal ${result.signal}`);
    if (!/closed cleanly/.test(log)) fail('wangge serve exited 0 on Ctrl-C but never said it closed cleanly');
    console.log('e2e: wangge serve shut down cleanly on Ctrl-C (exit 0)');
  };
}
