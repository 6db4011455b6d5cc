// CLI failures: a clear message in both languages and a non-zero exit code, never a stack trace
// (unless WANGGE_DEBUG=1).
import { AppError, renderMessage } from '../shared/errors.ts';

export function reportCliError(e: unknown): never {
  if (e instanceof AppError) {
    console.error(`错误 ${e.code}: ${renderMessage(e.code, e.params, 'zh-CN')}`);
    console.error(`error ${e.code}: ${renderMessage(e.code, e.params, 'en')}`);
    if (Array.isArray(e.details)) {
      for (const d of e.details.slice(0, 50)) console.error('  -', JSON.stringify(d));
      if (e.details.length > 50) console.error(`  … ${e.details.length - 50} more`);
    }
  } else {
    console.error(`错误 error: ${(e as Error)?.message ?? String(e)}`);
    if (process.env.WANGGE_DEBUG === '1') console.error(e);
  }
  process.exit(1);
}
