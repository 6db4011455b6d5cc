// The wangge command line against a real embedded data folder: help, demo, import/export, users,
// audit verification (and tamper detection), the single-process lock, and clear failures.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/engine.ts';

const bin = path.resolve('bin/wangge.js');
let dir: string;
const env = () => ({ ...process.env, WANGGE_DATA: dir, DATABASE_URL: '', PORT: '0' });
const run = (...args: string[]) => spawnSync('node', [bin, ...args], { env: env(), encoding: 'utf8', timeout: 120_000 });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('wangge CLI', () => {
  it('has --help everywhere', () => {
    const top = run('--help');
    expect(top.status).toBe(0);
    for (const c of ['serve', 'migrate', 'init', 'demo', 'user', 'regions', 'audit']) expect(top.stdout).toContain(c);
    for (const sub of [['demo'], ['user', 'add'], ['regions', 'import'], ['audit', 'verify']]) {
      const r = run(...sub, '--help');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/Usage: wangge/);
    }
  });

  it('fails clearly on bad arguments', () => {
    const r = run('demo', '--scale', 'huge');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('--scale must be small, district or city');
    const missing = run('regions', 'import', path.join(dir, 'nope.geojson'));
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/no such file/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('loads the demo city once, and refuses to load it over existing data', () => {
    // The year of cases has its own tests (test/api/demo-cases.test.ts); here the tree, people and accounts.
    const r = run('demo', '--scale', 'small', '--seed', '1', '--no-cases');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 / 1 / 1 / 6 / 60 / 150');
    const again = run('demo', '--scale', 'small');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already holds');
  });

  it('exports and re-imports the tree unchanged (GeoJSON and Excel)', () => {
    for (const ext of ['geojson', 'xlsx']) {
      const file = path.join(dir, `tree.${ext}`);
      expect(run('regions', 'export', file).status).toBe(0);
      const r = run('regions', 'import', file);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/新增 added 0, 更新 updated 0, 未变 unchanged 219/);
    }
  });

  it('adds and lists users with masked mobiles; refuses a weak password', () => {
    const ok = run('user', 'add', '--username', 'zhangsan', '--password', 'abc12345', '--roles', 'gridWorker', '--scope', '445302001001', '--mobile', '13812345678');
    expect(ok.status).toBe(0);
    const list = run('user', 'list', '--q', 'zhangsan');
    expect(list.stdout).toContain('138****5678');
    expect(list.stdout).not.toContain('13812345678');
    const weak = run('user', 'add', '--username', 'lisi', '--password', 'short', '--roles', 'gridWorker', '--scope', '445302001001');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('PASSWORD_POLICY');
  });

  it('verifies the audit chain, and names a tampered row', async () => {
    const ok = run('audit', 'verify');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/audit log intact: \d+ rows verified/);
    const database = await openDatabase({ dataDir: dir });
    await database.exec(`ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET after = '{"name":"forged"}' WHERE id = 3; ALTER TABLE audit_log ENABLE TRIGGER USER;`);
    await database.close();
    const bad = run('audit', 'verify');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('row 3 [edited]');
  });

  it('refuses a second process on the same data folder while the server runs, and stops cleanly on SIGINT', async () => {
    const server = spawn('node', [bin, 'serve'], { env: { ...env(), PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    server.stdout.on('data', (d) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
      server.stdout.on('data', () => out.includes('serving at') && (clearTimeout(timer), resolve()));
    });
    const second = run('user', 'list');
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('DATA_DIR_LOCKED');
    const code = await new Promise<number | null>((resolve) => {
      server.on('exit', (c) => resolve(c));
      server.kill('SIGINT');
    });
    expect(code).toBe(0);
    expect(out).toContain('closed cleanly');
    expect(fs.existsSync(path.join(dir, 'wangge.lock'))).toBe(false);
    expect(run('audit', 'verify').status).toBe(2);
  });
});
