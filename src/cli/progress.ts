// Progress bars with ETA for long CLI work; quiet when output is not a terminal (CI logs).
import cliProgress from 'cli-progress';

export function progressReporter(label: string) {
  const bars = new Map<string, cliProgress.SingleBar>();
  const tty = process.stderr.isTTY;
  let lastLog = 0;
  return {
    update(phase: string, done: number, total: number) {
      if (!tty) {
        const now = Date.now();
        if (now - lastLog > 2000 || done === total) {
          process.stderr.write(`${label} ${phase}: ${done}/${total}\n`);
          lastLog = now;
        }
        return;
      }
      let bar = bars.get(phase);
      if (!bar) {
        for (const b of bars.values()) b.stop();
        bar = new cliProgress.SingleBar(
          { format: `${label} ${phase.padEnd(9)} [{bar}] {percentage}% {value}/{total} ETA {eta_formatted}`, stream: process.stderr },
          cliProgress.Presets.shades_classic,
        );
        bar.start(Math.max(total, 1), 0);
        bars.set(phase, bar);
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(done);
    },
    stop() {
      for (const b of bars.values()) b.stop();
    },
  };
}
