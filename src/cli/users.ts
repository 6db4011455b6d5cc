// `wangge init` and `wangge user add|passwd|list`: account work done by an operator on the server.
import readline from 'node:readline/promises';
import type { Command } from 'commander';
import { countUsers, createUserUnchecked, listUsers, PERMISSIONS, resetPassword, ROLES } from '../modules/accounts/index.ts';
import { findRegionByCodeSystem } from '../modules/regions/index.ts';
import { systemContext } from '../shared/context.ts';
import { withDatabase } from './with-db.ts';
import type { Db } from '../db/engine.ts';

const ctx = () => systemContext('cli', PERMISSIONS);

async function ask(question: string, hidden = false): Promise<string> {
  if (!process.stdin.isTTY) throw new Error(`missing value for: ${question} (pass it as a flag when not interactive)`);
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  if (hidden) (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => { if (s.includes(question)) process.stdout.write(s); };
  const answer = await rl.question(question);
  rl.close();
  if (hidden) process.stdout.write('\n');
  return answer.trim();
}

async function userIdByName(db: Db, username: string): Promise<number> {
  const { items } = await listUsers(db, ctx(), username, 50, 0);
  const u = items.find((x) => x.username === username);
  if (!u) throw new Error(`用户不存在 no such user: ${username}`);
  return u.id;
}

export function userCommands(program: Command): void {
  program
    .command('init')
    .description('创建首个系统管理员 / create the first system administrator')
    .option('--username <name>', 'administrator username')
    .option('--password <pw>', 'password (≥ 8 characters, letters and digits)')
    .option('--display-name <name>', 'display name', '系统管理员')
    .action(async (o: { username?: string; password?: string; displayName: string }) => {
      await withDatabase(async ({ db }) => {
        if ((await countUsers(db)) > 0) throw new Error('已有用户，init 只用于空系统 / users exist already: init is for an empty system (use `wangge user add`)');
        const username = o.username ?? (await ask('管理员用户名 admin username: '));
        const password = o.password ?? (await ask('密码 password: ', true));
        const u = await createUserUnchecked(db, ctx(), { username, displayName: o.displayName, password, roles: ['admin'], scopeRegionId: null });
        console.log(`已创建系统管理员 created administrator ${u.username} (id ${u.id})`);
      });
    });

  const user = program.command('user').description('用户管理 / user accounts');
  user
    .command('add')
    .description('新建用户 / add a user')
    .requiredOption('--username <name>')
    .requiredOption('--password <pw>')
    .requiredOption('--roles <list>', `comma-separated: ${ROLES.join(',')}`)
    .option('--display-name <name>')
    .option('--mobile <mobile>')
    .option('--scope <regionCode>', 'region code of the scope (omit only for admin)')
    .option('--must-change', 'force a password change at first login')
    .action(async (o: { username: string; password: string; roles: string; displayName?: string; mobile?: string; scope?: string; mustChange?: boolean }) => {
      await withDatabase(async ({ db }) => {
        let scopeRegionId: number | null = null;
        if (o.scope) {
          const r = await findRegionByCodeSystem(db, o.scope);
          if (!r) throw new Error(`区域编码不存在 no region with code ${o.scope}`);
          scopeRegionId = r.id;
        }
        const u = await createUserUnchecked(db, ctx(), {
          username: o.username,
          displayName: o.displayName ?? o.username,
          mobile: o.mobile,
          password: o.password,
          roles: o.roles.split(',').map((s) => s.trim()).filter(Boolean),
          scopeRegionId,
          mustChangePassword: o.mustChange ?? false,
        });
        console.log(`已创建 created ${u.username} (id ${u.id}) roles=${u.roles.join(',')} scope=${u.scopeRegion?.name ?? '全部 all'}`);
      });
    });
  user
    .command('passwd')
    .description('重置密码（下次登录须修改） / reset a password (must be changed at next login)')
    .argument('<username>')
    .option('--password <pw>')
    .action(async (username: string, o: { password?: string }) => {
      await withDatabase(async ({ db }) => {
        const id = await userIdByName(db, username);
        await resetPassword(db, ctx(), id, o.password ?? (await ask('新密码 new password: ', true)));
        console.log(`已重置 password reset for ${username}`);
      });
    });
  user
    .command('list')
    .description('列出用户 / list users')
    .option('--q <text>', 'filter by username or name')
    .action(async (o: { q?: string }) => {
      await withDatabase(async ({ db }) => {
        const { items, total } = await listUsers(db, ctx(), o.q, 500, 0);
        for (const u of items) {
          console.log(`${String(u.id).padStart(5)}  ${u.username.padEnd(16)} ${u.displayName.padEnd(10)} ${(u.mobileMasked ?? '').padEnd(12)} ${u.roles.join(',').padEnd(28)} ${u.scopeRegion?.name ?? '全部 all'}${u.lockedUntil ? '  [locked]' : ''}${u.status !== 'active' ? `  [${u.status}]` : ''}`);
        }
        console.log(`共 total ${total}`);
      });
    });
}
