// `wangge serve`: migrate, load the small demo city into an empty database, serve API and web app,
// and shut down cleanly on Ctrl-C (the embedded database is closed, not killed mid-write).
import { loadDemoCity, DEMO_PASSWORD } from '../demo/load.ts';
import { isProduction } from '../modules/accounts/index.ts';
import { countAllRegions } from '../modules/regions/index.ts';
import { failInterruptedJobs } from '../modules/registry/index.ts';
import { startCaseTimer } from '../modules/cases/cases.timer.ts';
import { buildApp } from './app.ts';
import { configFromEnv, openRuntime } from './runtime.ts';

/** The demo load's long phases, as the first start reports them. */
const DEMO_PHASES: Record<string, string> = { population: '居民 residents', cases: '事件 cases', party: '党建 party', workforce: '网格力量 workforce' };

export async function serve(): Promise<void> {
  const cfg = configFromEnv();
  const engine = cfg.databaseUrl ? 'PostgreSQL server' : `embedded PGlite in ${cfg.dataDir}`;
  console.log(`wangge 网格: opening ${engine} …`);
  const database = await openRuntime(cfg);
  const empty = (await countAllRegions(database.db)) === 0;
  if (database.engine === 'pglite') {
    const cut = await failInterruptedJobs(database.db);
    if (cut) console.log(`${cut} 个导入任务因上次中断标记为失败（已提交的批次保留）/ ${cut} import job(s) cut off by the last stop marked failed`);
  }
  // A real deployment starts empty: its tree comes from `wangge regions import`, its first
  // administrator from `wangge init`. The demo city is for trying wangge out.
  if (empty && (isProduction() || process.env.WANGGE_NO_DEMO === '1')) {
    console.log('空数据库（生产模式不载入演示数据）：请运行 `wangge init` 创建管理员，`wangge regions import FILE` 导入区域树');
    console.log('empty database (no demo data in production): run `wangge init`, then `wangge regions import FILE`');
  } else if (empty) {
    console.log('空数据库：正在载入演示城市 (small，约 3 万居民、一年事件) … / empty database: loading the demo city (small, ~31k residents, a year of cases) …');
    let shown = 0;
    let shownPhase = '';
    const demo = await loadDemoCity(database.db, {
      scale: 'small',
      population: true,
      onProgress: (phase, done, total) => {
        // A line every ~10 % of each long phase, so a first start is not a silent wait.
        const label = DEMO_PHASES[phase];
        if (!label) return;
        if (phase !== shownPhase) [shownPhase, shown] = [phase, 0];
        // Phases counted in a few steps (party, workforce: tables) say only when they are done.
        if (total <= 20) {
          if (done === total) console.log(`  ${label} ✓`);
          return;
        }
        if (done < shown + total / 10) return;
        shown = done;
        console.log(`  ${label} ${done.toLocaleString()} / ${total.toLocaleString()}`);
      },
    });
    console.log(`演示账号 demo accounts (密码 password: ${DEMO_PASSWORD}):`);
    for (const a of demo.accounts) console.log(`  ${a.username.padEnd(8)} ${a.displayName}  [${a.roles.join(', ')}]  ${a.scope}`);
  }
  const app = await buildApp({ db: database.db, logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
  await app.listen({ port: cfg.port, host: cfg.host });
  // Marks late case stages (yellow, red, 督办) from the clocks on the rows; the first tick runs now,
  // catching up on whatever fell due while the server was down.
  const timer = startCaseTimer(database.db);
  console.log(`wangge 网格 已启动 serving at http://localhost:${cfg.port}  (API docs: /api/docs)`);
  if (!isProduction()) console.log(`登录 log in: admin / ${DEMO_PASSWORD} (演示环境 demo)`);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: 正在关闭 shutting down …`);
    // Stop taking requests, let running ones finish, then close the database so PGlite flushes.
    await app.close();
    await timer.stop();
    await database.close();
    console.log('已安全关闭 closed cleanly');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
