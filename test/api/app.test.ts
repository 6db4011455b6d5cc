// App assembly: the web app shell, its asset 404s, OpenAPI, and unknown API routes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

let database: TestDatabase;
let app: FastifyInstance;
let web: string;
beforeAll(async () => {
  database = await createTestDatabase();
  web = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-web-'));
  fs.mkdirSync(path.join(web, 'assets'));
  fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>网格</title>');
  fs.writeFileSync(path.join(web, 'assets', 'app.js'), 'console.log(1)');
  app = await buildApp({ db: database.db, webDist: web });
});
afterAll(async () => {
  await app.close();
  await database.drop();
  fs.rmSync(web, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('answers client-side routes with the app shell', async () => {
    const res = await app.inject({ method: 'GET', url: '/regions/5?tab=map' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
  it('serves assets, and 404s a missing asset instead of returning the shell', async () => {
    expect((await app.inject({ method: 'GET', url: '/assets/app.js' })).statusCode).toBe(200);
    const missing = await app.inject({ method: 'GET', url: '/assets/old-chunk.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ROUTE_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: '/favicon.png' })).statusCode).toBe(404);
  });
  it('keeps unknown API paths as JSON 404s and serves the OpenAPI document', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nope', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'ROUTE_NOT_FOUND', message: 'No such endpoint' });
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/regions/{id}', '/api/v1/auth/login', '/api/v1/audit/verify']));
  });
});
