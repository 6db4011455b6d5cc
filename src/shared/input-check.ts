// Input hygiene shared by the HTTP guard and file parsers: values no column can hold (NUL, lone
// surrogates) and nesting deep enough to exhaust a stack further down (see src/server/input-guard.ts).
export const MAX_DEPTH = 64;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function problemIn(root: unknown): string | null {
  // Iterative walk: a recursive one would itself overflow on the input it is meant to refuse.
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return 'NUL character';
      if (LONE_SURROGATE.test(v)) return 'malformed unicode';
      continue;
    }
    if (v === null || typeof v !== 'object' || Buffer.isBuffer(v)) continue;
    if (depth >= MAX_DEPTH) return `nested deeper than ${MAX_DEPTH} levels`;
    if (Array.isArray(v)) {
      for (const x of v) stack.push([x, depth + 1]);
    } else {
      for (const [k, x] of Object.entries(v)) {
        stack.push([k, depth + 1]);
        stack.push([x, depth + 1]);
      }
    }
  }
  return null;
}

export function hasNonFinite(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'number' && !Number.isFinite(v)) return true;
    // One push per value: spreading a large array into push() overflows the argument limit.
    if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push(x);
  }
  return false;
}

