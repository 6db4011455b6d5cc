// `wangge demo`: generate a deterministic demo city and load it (or write it to a file).
import fs from 'node:fs';
import type { Command } from 'commander';
import { generateDemoCity, type DemoScale } from '../demo/index.ts';
import { DEMO_PASSWORD, loadDemoCity } from '../demo/load.ts';
import { countAllRegions } from '../modules/regions/index.ts';
import { reportCliError } from './errors.ts';
import { progressReporter } from './progress.ts';
import { withDatabase } from './with-db.ts';

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description('生成并载入演示城市 / generate and load a deterministic demo city')
    .option('--scale <scale>', 'small | district | city', 'small')
    .option('--seed <n>', 'random seed (same seed, same city)', '1')
    .option('--out <file>', 'write the regions as GeoJSON to a file instead of loading them')
    .option('--no-population', 'load only the tree and accounts, not the registry (residents, housing, places …)')
    .option('--no-cases', 'without the year of cases (事件) ending today')
    .action(async (o: { scale: string; seed: string; out?: string; population: boolean; cases: boolean }) => {
      if (!['small', 'district', 'city'].includes(o.scale)) reportCliError(new Error(`--scale must be small, district or city (got ${o.scale})`));
      const seed = Number(o.seed);
      if (!Number.isInteger(seed)) reportCliError(new Error(`--seed must be an integer (got ${o.seed})`));
      const scale = o.scale as DemoScale;
      const started = Date.now();
      if (o.out) {
        const city = generateDemoCity({ scale, seed });
        const fc = { type: 'FeatureCollection', features: city.regions.map((r) => ({ type: 'Feature', geometry: r.boundary, properties: { code: r.code, name: r.name, level: r.level, kind: r.kind, parentCode: r.parentCode, attributes: r.attributes } })) };
        fs.writeFileSync(o.out, JSON.stringify(fc));
        console.log(`wrote ${city.regions.length} regions to ${o.out} in ${Date.now() - started} ms`);
        return;
      }
      await withDatabase(async (database) => {
        const existing = await countAllRegions(database.db);
        if (existing > 0) throw new Error(`数据库已有 ${existing} 个区域；请使用新的 WANGGE_DATA 目录或新数据库 / the database already holds ${existing} regions: use a fresh WANGGE_DATA folder or database`);
        const bar = progressReporter(`demo ${scale}`);
        const loaded = await loadDemoCity(database.db, { scale, seed, population: o.population, cases: o.cases, onProgress: bar.update });
        bar.stop();
        const byLevel = [1, 2, 3, 4, 5, 6].map((l) => loaded.city.regions.filter((r) => r.level === l).length);
        console.log(`已载入 loaded: ${byLevel.join(' / ')} (市/区县/街道/社区/网格/微网格) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        console.log(`演示账号 demo accounts (password ${DEMO_PASSWORD}): ${loaded.accounts.map((a) => a.username).join(', ')}`);
        if (loaded.party) console.log(`党建 party: ${loaded.party.counts.party_orgs} 个党组织 organizations, ${loaded.party.counts.party_members} 名党员 members, ${loaded.party.counts.liaison_households} 户党员中心户 liaison households`);
        if (loaded.workforce) console.log(`网格力量 workforce: ${loaded.workforce.counts.workers} 人 workers, ${loaded.workforce.counts.visits} 次走访 visits in a year`);
      });
    });
}
