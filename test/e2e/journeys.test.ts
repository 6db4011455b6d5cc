// The journeys a first user takes, in a real browser against a real `wangge serve` with the demo city:
// log in, find a community by pinyin initials, open its grid map, click a grid, open it from the
// drawer; and a community account stopped at a sibling community's page.
// Each step leaves a screenshot in test-results/e2e/.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { pinyin } from 'pinyin-pro';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, launchBrowser, loginThroughForm, openPage, shot, type TestPage } from './support/browser.ts';

interface RegionSummary { id: number; code: string; name: string; level: number; kind: string; childCount: number }
interface Items<T> { items: T[] }
interface FeatureProps { id: number; name: string; level: number; code: string }
type RegionFeature = Feature<Polygon | MultiPolygon, FeatureProps>;
/** What the page script below uses of the browser (this file is type-checked without the DOM library). */
interface BrowserGlobals {
  __wanggeMap: {
    getCanvas(): object & { getBoundingClientRect(): { left: number; top: number; width: number; height: number } };
    project(lngLat: [number, number]): { x: number; y: number };
    queryRenderedFeatures(point: [number, number], opts: { layers: string[] }): { properties: unknown }[];
  };
  document: { elementFromPoint(x: number, y: number): unknown };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Pinyin initials as people type them: 华坪社区 → hpsq. */
const initials = (name: string) => pinyin(name, { pattern: 'first', toneType: 'none' }).replace(/\s+/g, '').toLowerCase();

/** Distance (in degrees, good enough to rank) from a point to a polygon's boundary. */
function edgeDistance([x, y]: Position, g: Polygon | MultiPolygon): number {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = ring[i - 1];
      const [bx, by] = ring[i];
      const dx = bx - ax, dy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)));
      best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
    }
  }
  return best;
}

/** Points inside the polygon, farthest from its edges first (so a click cannot land on a neighbour). */
function interiorPoints(g: Polygon | MultiPolygon): Position[] {
  const ring = (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()).flat();
  const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
  const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const out: { p: Position; d: number }[] = [];
  const N = 16;
  for (let i = 1; i < N; i++) {
    for (let j = 1; j < N; j++) {
      const p: Position = [w + ((e - w) * i) / N, s + ((n - s) * j) / N];
      if (booleanPointInPolygon(p, g)) out.push({ p, d: edgeDistance(p, g) });
    }
  }
  return out.sort((a, b) => b.d - a.d).map((x) => x.p);
}

describe('admin: log in, find a community by pinyin, open its grid map, click a grid', () => {
  let t: TestPage;
  beforeAll(async () => {
    t = await openPage(browser);
  });
  afterAll(async () => {
    await t?.context.close();
  });

  let community: RegionSummary;
  let communityIds: number[] = [];

  it('logs in through the login form', async () => {
    await loginThroughForm(t.page, 'admin', undefined, 'login-form');
    await expect.poll(() => t.page.getByTestId('home-greeting').textContent()).toContain('系统管理员');
    await expect.poll(() => t.page.getByTestId('current-user').textContent()).toContain('系统管理员');
    await shot(t.page, 'admin-home');
  });

  it('finds a community by its pinyin initials in the region search and opens it', async () => {
    // A real community of the demo city, walked down from the root through the API.
    const api = await apiSession('admin');
    let node = (await api.get<Items<RegionSummary>>('/regions/roots')).items[0];
    while (node.level < 3) node = (await api.get<Items<RegionSummary>>(`/regions/${node.id}/children`)).items[0];
    const communities = (await api.get<Items<RegionSummary>>(`/regions/${node.id}/children`)).items.filter((r) => r.level === 4);
    expect(communities.length).toBeGreaterThan(1);
    communityIds = communities.map((c) => c.id);
    // Not the first one: the search has to find it, not merely list the tree's first node.
    community = communities[communities.length - 1];
    const q = initials(community.name);
    expect(q).toMatch(/^[a-z]{2,}$/);

    await t.page.getByTestId('nav').getByText('区域与网格').click();
    await t.page.waitForURL(/\/regions$/);
    const search = t.page.getByTestId('region-search').locator('input');
    await search.fill(q);
    const hit = t.page.getByTestId('region-search-result').filter({ has: t.page.getByText(community.name, { exact: true }) });
    await hit.first().waitFor();
    await shot(t.page, `search-${q}`);
    await hit.first().click();
    await t.page.waitForURL(new RegExp(`/regions/${community.id}$`));
    await expect.poll(() => t.page.getByTestId('region-title').textContent()).toBe(community.name);
    // The page is complete: children listed, the tree opened down to the community, the mini-map drawn.
    await t.page.getByTestId('region-children').locator('tbody tr').first().waitFor();
    await t.page.locator('.ant-tree-node-selected').getByText(community.name).waitFor();
    await t.page.locator('[data-testid=region-minimap][data-ready=true]').waitFor();
    await shot(t.page, 'community-page');
  });

  it('opens the community map, clicks a grid polygon and sees it in the drawer', async () => {
    const { page } = t;
    await page.getByRole('button', { name: /在地图中查看/ }).click();
    await page.waitForURL(new RegExp(`/map/${community.id}$`));
    await page.locator('[data-testid=region-map][data-ready=true]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('map-region-name').textContent()).toBe(community.name);

    const api = await apiSession('admin');
    const geo = await api.get<FeatureCollection<Polygon | MultiPolygon, FeatureProps>>(`/regions/${community.id}/geojson?depth=2`);
    const features = geo.features as RegionFeature[];
    const grids = features.filter((f) => f.properties.level === 5);
    expect(grids.length).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('region-map').getAttribute('data-feature-count'))).toBe(features.length);
    await shot(page, 'community-map');

    // Aim at a grid: project its interior points to pixels and take the first where the canvas (not
    // the legend) is on top and the map has this grid under that pixel.
    let target: { grid: RegionFeature; lngLat: Position; x: number; y: number } | undefined;
    for (const grid of grids) {
      const candidates = interiorPoints(grid.geometry).slice(0, 20);
      const hit = await page.evaluate(({ candidates, id }) => {
        const { __wanggeMap: map, document } = globalThis as unknown as BrowserGlobals;
        const canvas = map.getCanvas();
        const box = canvas.getBoundingClientRect();
        for (const c of candidates) {
          const p = map.project(c as [number, number]);
          if (p.x < 20 || p.y < 20 || p.x > box.width - 20 || p.y > box.height - 20) continue;
          if (document.elementFromPoint(box.left + p.x, box.top + p.y) !== canvas) continue;
          const under = map.queryRenderedFeatures([p.x, p.y], { layers: ['regions-fill'] }).map((f) => (f.properties as { id: number }).id);
          if (under.includes(id)) return { lngLat: c, x: p.x, y: p.y };
        }
        return null;
      }, { candidates, id: grid.properties.id });
      if (hit) {
        target = { grid, ...hit };
        break;
      }
    }
    expect(target, 'a clickable point inside some grid').toBeDefined();
    const { grid, lngLat, x, y } = target!;
    // The micro-grid under the same point, if the grid is divided: the drawer offers it as "also here".
    const micro = features.find((f) => f.properties.level > grid.properties.level && booleanPointInPolygon(lngLat, f.geometry));

    await page.getByTestId('region-map').locator('canvas').click({ position: { x, y } });
    const drawer = page.getByTestId('region-drawer');
    await drawer.waitFor();
    await expect.poll(() => page.getByTestId('region-drawer-name').textContent()).toBe(grid.properties.name);
    await expect.poll(() => drawer.textContent()).toContain(grid.properties.code);
    await expect.poll(() => drawer.textContent()).toContain('网格');
    // Wait for the drawer's details (child count) and for its slide-in to finish before the picture.
    await expect.poll(() => drawer.textContent()).toContain('下级数');
    if (micro) await expect.poll(() => drawer.textContent()).toContain(`此处还有：${micro.properties.name}`);
    await page.waitForTimeout(400);
    await shot(page, 'map-grid-drawer');

    await page.getByTestId('region-drawer-open').click();
    await page.waitForURL(new RegExp(`/regions/${grid.properties.id}$`));
    await expect.poll(() => page.getByTestId('region-title').textContent()).toBe(grid.properties.name);
    await expect.poll(() => page.getByTestId('region-breadcrumb').textContent()).toContain(community.name);
    await page.locator('[data-testid=region-minimap][data-ready=true]').waitFor();
    await shot(page, 'grid-page');
  });

  it('raised no script errors on the way', () => {
    expect(t.errors).toEqual([]);
    expect(communityIds.length).toBeGreaterThan(1);
  });
});

describe('community staff: a sibling community is out of scope', () => {
  let t: TestPage;
  beforeAll(async () => {
    t = await openPage(browser);
  });
  afterAll(async () => {
    await t?.context.close();
  });

  it("sq01 opening sq02's community by URL sees 无权访问该区域", async () => {
    const sq01 = await apiSession('sq01');
    const sq02 = await apiSession('sq02');
    const own = sq01.user.scopeRegion!;
    const sibling = sq02.user.scopeRegion!;
    expect(own.level).toBe(4);
    expect(sibling.level).toBe(4);
    expect(sibling.id).not.toBe(own.id);

    await loginThroughForm(t.page, 'sq01');
    await expect.poll(() => t.page.getByTestId('home-scope').textContent()).toContain(own.name);
    await shot(t.page, 'sq01-home');

    await t.page.goto(`/regions/${sibling.id}`);
    const denied = t.page.getByTestId('scope-denied');
    await denied.waitFor();
    await expect.poll(() => denied.textContent()).toContain('无权访问该区域');
    expect(await t.page.getByText(sibling.name, { exact: true }).count()).toBe(0);
    await shot(t.page, 'sq01-scope-denied');

    // The map of the sibling community is refused the same way.
    await t.page.goto(`/map/${sibling.id}`);
    await t.page.getByTestId('scope-denied').waitFor();
    await expect.poll(() => t.page.getByTestId('scope-denied').textContent()).toContain('无权访问该区域');
    await shot(t.page, 'sq01-map-scope-denied');

    // And their own community still opens.
    await t.page.goto(`/regions/${own.id}`);
    await expect.poll(() => t.page.getByTestId('region-title').textContent()).toBe(own.name);
    await t.page.locator('[data-testid=region-minimap][data-ready=true]').waitFor();
    await shot(t.page, 'sq01-own-community');
  });

  it('raised no script errors on the way', () => {
    expect(t.errors).toEqual([]);
  });
});
