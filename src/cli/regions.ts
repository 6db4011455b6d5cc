// `wangge regions import|export FILE`: the tree as GeoJSON (.geojson/.json) or Excel (.xlsx).
import fs from 'node:fs';
import type { Command } from 'commander';
import { PERMISSIONS } from '../modules/accounts/index.ts';
import { exportRegions, findRegionByCodeSystem, importRegionFile, type FileFormat } from '../modules/regions/index.ts';
import { systemContext } from '../shared/context.ts';
import { progressReporter } from './progress.ts';
import { withDatabase } from './with-db.ts';

const formatOf = (file: string): FileFormat => {
  if (/\.xlsx$/i.test(file)) return 'xlsx';
  if (/\.(geo)?json$/i.test(file)) return 'geojson';
  throw new Error(`无法识别文件类型 unknown file type: ${file} (use .geojson, .json or .xlsx)`);
};

export function regionCommands(program: Command): void {
  const regions = program.command('regions').description('区域树导入导出 / import and export the governance tree');
  regions
    .command('import')
    .description('导入（有任何错误则全部不导入） / import; any problem imports nothing')
    .argument('<file>')
    .action(async (file: string) => {
      const format = formatOf(file);
      if (!fs.existsSync(file)) throw new Error(`文件不存在 no such file: ${file}`);
      await withDatabase(async ({ db }) => {
        const bar = progressReporter('import');
        const r = await importRegionFile(db, systemContext('cli', PERMISSIONS), format, fs.readFileSync(file), bar.update);
        bar.stop();
        console.log(`导入完成 imported: 新增 added ${r.added}, 更新 updated ${r.updated}, 未变 unchanged ${r.unchanged}`);
      });
    });
  regions
    .command('export')
    .description('导出 / export')
    .argument('<file>')
    .option('--root <code>', 'export only this region’s subtree')
    .action(async (file: string, o: { root?: string }) => {
      const format = formatOf(file);
      await withDatabase(async ({ db }) => {
        let rootId: number | undefined;
        if (o.root) {
          const r = await findRegionByCodeSystem(db, o.root);
          if (!r) throw new Error(`区域编码不存在 no region with code ${o.root}`);
          rootId = r.id;
        }
        const out = await exportRegions(db, systemContext('cli', PERMISSIONS), format, rootId);
        fs.writeFileSync(file, out.body);
        console.log(`已导出 exported to ${file} (${out.body.length} bytes)`);
      });
    });
}
