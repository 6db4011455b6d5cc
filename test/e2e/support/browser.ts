// Browser-test helpers: headless Debian Chromium through playwright-core, pages that remember their
// own script errors, screenshots into test-results/e2e/, and a small API client for test subjects.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const DEMO_PASSWORD = 'wangge2026';
export const baseUrl = (): string => inject('baseUrl');

const root = fileURLToPath(new URL('../../..', import.meta.url));
const RESULTS_DIR = join(root, 'test-results', 'e2e');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught script errors and console errors seen so far (4xx responses the app handles are not errors). */
  errors: string[];
}

/** A fresh context (own cookies) at a desktop size, in Simplified Chinese. */
export async function openPage(browser: Browser, opts: { width?: number; height?: number } = {}): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The browser logs every non-2xx fetch as a console error; those are expected (e.g. 403 scope denial).
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return { context, page, errors };
}

let shotNo = 0;
/** Full-window screenshot into test-results/e2e/NN-name.png; returns the path. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  shotNo += 1;
  const path = join(RESULTS_DIR, `${String(shotNo).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Logs in through the login form and waits for the home page. */
export async function loginThroughForm(page: Page, username: string, password = DEMO_PASSWORD, screenshotName?: string): Promise<void> {
  await page.goto('/');
  await page.waitForURL(/\/login$/);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  if (screenshotName) await shot(page, screenshotName);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-greeting').waitFor();
}

/** A logged-in API client (plain fetch with the session cookie), to pick test subjects from real data. */
export async function apiSession(username: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: username, password }),
  });
  if (res.status !== 200) throw new Error(`API login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const body = (await res.json()) as { user: { username: string; scopeRegion: { id: number; name: string; level: number } | null } };
  return {
    user: body.user,
    async get<T>(path: string): Promise<T> {
      const r = await fetch(`${baseUrl()}/api/v1${path}`, { headers: { cookie, accept: 'application/json' } });
      if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}
