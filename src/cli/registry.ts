// `wangge registry template|import|export`: the registry's sheets from the command line, as the
// system (whole scope). Import exit codes: 0 every row written, 3 some rows rejected (their
// workbook is FILE.errors.xlsx), 2 the file itself is unusable (format, header, unknown entity).
import fs from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { PERMISSIONS } from '../modules/accounts/index.ts';
import { findRegionByCodeSystem } from '../modules/regions/index.ts';
import { exportEntity } from '../modules/registry/import/export.ts';
import { createImportJob, sheetOf } from '../modules/registry/import/jobs.service.ts';
import type { ImportCounts, ImportMode } from '../modules/registry/import/run.ts';
import { buildTemplate } from '../modules/registry/import/template.ts';
import { systemContext } from '../shared/context.ts';
import { AppError, renderMessage } from '../shared/errors.ts';
import { withDatabase } from './with-db.ts';

const FILE_LEVEL = new Set(['IMPORT_FORMAT', 'IMPORT_ENTITY_UNKNOWN', 'IMPORT_TOO_LARGE']);

function fileLevelError(e: unknown): boolean {
  if (!(e instanceof AppError) || !FILE_LEVEL.has(e.code)) return false;
  console.error(`错误 ${e.code}: ${renderMessage(e.code, e.params, 'zh-CN')}`);
  console.error(`error ${e.code}: ${renderMessage(e.code, e.params, 'en')}`);
  process.exitCode = 2;
  return true;
}

/** A bar with rows/s on a terminal; otherwise a line every 2 s (and per batch with WANGGE_IMPORT_LOG_BATCHES=1). */
function importProgress() {
  const tty = process.stderr.isTTY;
  const logBatches = process.env.WANGGE_IMPORT_LOG_BATCHES === '1';
  const t0 = Date.now();
  let last = 0;
  const bar = tty
    ? new cliProgress.SingleBar({ format: '导入 import [{bar}] {percentage}% {value}/{total} 行 rows · {speed} 行/s rows/s · ETA {eta_formatted}', stream: process.stderr }, cliProgress.Presets.shades_classic)
    : null;
  let started = false;
  return {
    update(c: ImportCounts) {
      const speed = Math.round(c.processedRows / Math.max(0.001, (Date.now() - t0) / 1000));
      if (logBatches) console.log(`batch ${c.batches} committed: ${c.processedRows} rows (added ${c.added}, updated ${c.updated}, unchanged ${c.unchanged}, rejected ${c.rejected})`);
      if (bar) {
        if (!started) bar.start(Math.max(1, c.totalRows), 0, { speed });
        started = true;
        bar.setTotal(Math.max(1, c.totalRows, c.processedRows));
        bar.update(c.processedRows, { speed });
      } else if (Date.now() - last > 2000) {
        last = Date.now();
        process.stderr.write(`import: ${c.processedRows}/${c.totalRows} rows, ${speed} rows/s\n`);
      }
    },
    stop: () => bar?.stop(),
  };
}

export function registryCommands(program: Command): void {
  const registry = program.command('registry').description('人口、房屋等登记数据的导入导出 / registry import and export');

  registry
    .command('template')
    .description('下载导入模板（.xlsx） / write the import template of an entity (resident, estate, building, dwelling, …)')
    .argument('<entity>')
    .requiredOption('--out <file>', '输出文件 output file (.xlsx)')
    .action(async (entity: string, o: { out: string }) => {
      try {
        const t = await buildTemplate(sheetOf(entity));
        fs.writeFileSync(o.out, t.body);
        console.log(`已生成模板 template written: ${o.out}`);
      } catch (e) {
        if (!fileLevelError(e)) throw e;
      }
    });

  registry
    .command('import')
    .description('导入 .xlsx / .csv（UTF-8 或 GBK）；被拒绝的行写入 FILE.errors.xlsx。退出码：0 全部成功，3 有行被拒绝，2 文件无法导入 / import; exit 0 all rows ok, 3 some rejected, 2 file unusable')
    .argument('<entity>')
    .argument('<file>')
    .option('--mode <mode>', 'skip-invalid（跳过错误行，默认）| all-or-nothing（全部成功或全部不导入）', 'skip-invalid')
    .option('--batch <n>', '每批行数（每批一个事务） rows per batch (one transaction each)', process.env.WANGGE_IMPORT_BATCH ?? '2000')
    .action(async (entity: string, file: string, o: { mode: string; batch: string }) => {
      if (o.mode !== 'skip-invalid' && o.mode !== 'all-or-nothing') throw new Error(`--mode must be skip-invalid or all-or-nothing`);
      const batchSize = Number(o.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw new Error('--batch must be an integer from 1 to 100000');
      if (!fs.existsSync(file)) {
        console.error(`错误 文件不存在 / error: no such file: ${file}`);
        process.exitCode = 2;
        return;
      }
      await withDatabase(async ({ db }) => {
        const ctx = systemContext('cli', PERMISSIONS);
        const progress = importProgress();
        const t0 = Date.now();
        let job;
        try {
          job = await createImportJob(db, ctx, { path: file }, { entity, mode: o.mode as ImportMode, fileName: file, batchSize, onProgress: (c) => progress.update(c) });
        } catch (e) {
          if (fileLevelError(e)) return;
          throw e;
        }
        const out = await job.run();
        progress.stop();
        if (out.failure) {
          if (fileLevelError(out.failure)) return;
          throw out.failure;
        }
        const r = out.result!;
        const secs = (Date.now() - t0) / 1000;
        const verdict = r.status === 'rejected' ? '未导入任何数据 nothing imported (all-or-nothing)' : '导入完成 imported';
        console.log(`${verdict}: 新增 added ${r.added}, 更新 updated ${r.updated}, 未变 unchanged ${r.unchanged}, 拒绝 rejected ${r.rejected} (${r.processedRows} 行 rows, ${secs.toFixed(1)} s, ${Math.round(r.processedRows / Math.max(secs, 0.001))} rows/s, job ${out.jobId})`);
        if (out.errorWorkbook) {
          const errFile = `${file}.errors.xlsx`;
          fs.writeFileSync(errFile, out.errorWorkbook);
          for (const p of r.problems.slice(0, 10)) console.error(`  第 ${p.row} 行 row ${p.row} [${p.column || '整行'}] ${p.reason.zh} / ${p.reason.en}`);
          console.error(`错误清单 error workbook: ${errFile}`);
        }
        if (r.rejected > 0) process.exitCode = 3;
      });
    });

  registry
    .command('export')
    .description('导出列表到 Excel（个人信息脱敏） / export a list to Excel, personal data masked')
    .argument('<entity>')
    .option('--region <code>', '只导出该区域（编码）内的数据 only this region (code)')
    .requiredOption('--out <file>', '输出文件 output file (.xlsx)')
    .action(async (entity: string, o: { region?: string; out: string }) => {
      await withDatabase(async ({ db }) => {
        const filters: Record<string, unknown> = {};
        if (o.region) {
          const r = await findRegionByCodeSystem(db, o.region);
          if (!r) throw new Error(`区域编码不存在 no region with code ${o.region}`);
          filters.regionId = String(r.id);
        }
        let x;
        try {
          x = await exportEntity(db, systemContext('cli', PERMISSIONS), entity, filters);
        } catch (e) {
          if (fileLevelError(e)) return;
          throw e;
        }
        const file = fs.createWriteStream(o.out);
        const written = new Promise<void>((resolve, reject) => {
          file.on('finish', resolve);
          file.on('error', reject);
          x.stream.on('error', reject);
        });
        x.stream.pipe(file);
        const n = await x.done;
        await written;
        console.log(`已导出 exported ${n} 行 rows to ${o.out}`);
      });
    });
}
