// A lock file beside the embedded database: a second process would corrupt it silently.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/errors.ts';

export interface DataLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataLock(dataDir: string): DataLock {
  const file = path.join(dataDir, 'wangge.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      // A stale lock from a killed process is taken over; a live holder is refused.
      if (holder && holder !== process.pid && alive(holder)) {
        throw new AppError('DATA_DIR_LOCKED', { dataDir, pid: holder });
      }
      fs.unlinkSync(file);
    }
  }
  throw new AppError('DATA_DIR_LOCKED', { dataDir, pid: 0 });
}
