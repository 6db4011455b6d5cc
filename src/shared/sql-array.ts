// PostgreSQL array literals built directly: bulk writers pass one array per column (unnest), and
// pg's own serializer quotes and escapes every element with two regex replacements each — about
// 5 µs per imported row over 26 columns. Elements that need no quoting (hashes, base64, digits,
// most names) go through as they are; the rest are quoted with `\` and `"` escaped.
const PLAIN = /^[^{}",\\\s]+$/;

function element(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (PLAIN.test(v) && !(v.length === 4 && v.toUpperCase() === 'NULL')) return v;
  return `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `{a,b,NULL,"x y"}` for a one-dimensional array of scalars; cast it in SQL (`::text[]`, `::int[]` …). */
export function pgArrayLiteral(values: readonly (string | number | boolean | null | undefined)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i) out += ',';
    out += element(values[i]);
  }
  return out + '}';
}
