// The wangge command line. One file per command group; every command has --help.
import { Command } from 'commander';
import { migrateDatabase } from '../db/engine.ts';
import { verifyChain } from '../modules/audit/index.ts';
import { serve } from '../server/main.ts';
import { demoCommand } from './demo.ts';
import { reportCliError } from './errors.ts';
import { progressReporter } from './progress.ts';
import { regionCommands } from './regions.ts';
import { registryCommands } from './registry.ts';
import { userCommands } from './users.ts';
import { withDatabase } from './with-db.ts';

const program = new Command();
program
  .name('wangge')
  .description('网格 wangge — 基层网格治理平台 / grassroots grid-governance platform\n环境变量 env: PORT, WANGGE_DATA (./data), DATABASE_URL (PostgreSQL server)')
  .version('0.1.0');

program.command('serve').description('启动服务（API + 网页） / serve the API and web app').action(async () => {
  await serve().catch(reportCliError);
});

program.command('migrate').description('执行数据库迁移 / apply database migrations').action(async () => {
  await withDatabase(async (database) => {
    await migrateDatabase(database);
    console.log(`迁移完成 migrations applied (${database.engine})`);
  });
});

demoCommand(program);
userCommands(program);
regionCommands(program);
registryCommands(program);

const audit = program.command('audit').description('操作日志 / audit log');
audit
  .command('verify')
  .description('校验哈希链，指出被修改或删除的记录 / verify the hash chain and name edited or deleted rows')
  .action(async () => {
    await withDatabase(async ({ db }) => {
      const bar = progressReporter('verify');
      const r = await verifyChain(db, (n) => bar.update('rows', n, n));
      bar.stop();
      if (r.ok) {
        console.log(`日志完整 audit log intact: ${r.checked} rows verified`);
        return;
      }
      for (const p of r.problems) console.error(`✗ row ${p.id} [${p.kind}] ${p.message}`);
      console.error(`日志被篡改 audit log tampered: ${r.problems.length} problem(s) in ${r.checked} rows`);
      process.exitCode = 2;
    });
  });

program.showHelpAfterError();
await program.parseAsync(process.argv).catch(reportCliError);
