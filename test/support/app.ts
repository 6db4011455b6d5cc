// An app on a test database, with helpers to seed the small demo city and log in as its accounts.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadDemoCity, DEMO_PASSWORD, type LoadedDemo } from '../../src/demo/load.ts';
import { buildApp } from '../../src/server/app.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  demo: LoadedDemo | null;
  /** Logs in and returns the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** Sends a request as a logged-in user (cookie from `login`). */
  as(cookie: string, opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** Seeds the small demo city; `population` also loads its registry (≈31k residents, slower); `cases` its year of cases. */
  seedDemo(opts?: { population?: boolean; cases?: boolean }): Promise<LoadedDemo>;
  close(): Promise<void>;
}

export async function createTestApp(opts: { demo?: boolean; population?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await buildApp({ db: database.db, webDist: null });
  const t: TestApp = {
    app,
    database,
    demo: null,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'wangge_session');
      return `wangge_session=${c!.value}`;
    },
    as(cookie, o) {
      return app.inject({ ...o, headers: { ...(o.headers ?? {}), cookie } });
    },
    async seedDemo(o = {}) {
      // The year of cases only where a test asks for it: 30k cases cost a minute on in-memory PGlite.
      t.demo = await loadDemoCity(database.db, { scale: 'small', population: o.population ?? false, cases: o.cases ?? false });
      return t.demo;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
  if (opts.demo) await t.seedDemo({ population: opts.population });
  return t;
}

/** The demo's regions by code and name, for picking test subjects. */
export function demoRegion(demo: LoadedDemo, pred: (r: LoadedDemo['city']['regions'][number]) => boolean) {
  const r = demo.city.regions.find(pred);
  if (!r) throw new Error('no such demo region');
  return r;
}
