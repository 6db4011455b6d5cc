// Ranking of one quarter's subjects of one kind by the communities' average score: the top
// `excellentShare` (ceil(n × share)) are excellent, and a subject tied with the last one inside the
// cut is excellent too (the ranking says so with `tiesAtCut`): two subjects with the same score
// cannot fairly be told apart by the order they happen to be listed in.

export interface Scored {
  id: number;
  name: string;
  /** The communities' average, already rounded as it is shown. */
  score: number;
}

export interface Ranked<T> {
  items: (T & { rank: number; excellent: boolean })[];
  /** ceil(n × share): how many the share alone allows. */
  cut: number;
  excellentCount: number;
  /** More subjects are excellent than the cut because of a tie at the cut. */
  tiesAtCut: boolean;
}

/** ceil(n × share) without floating-point noise (0.2 × 15 is 3.0000000000000004). */
export const excellentCut = (n: number, share: number): number => Math.ceil(Math.round(n * share * 1e6) / 1e6);

export function rankByScore<T extends Scored>(rows: readonly T[], share: number): Ranked<T> {
  const sorted = [...rows].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
  const cut = Math.min(sorted.length, excellentCut(sorted.length, share));
  const bar = cut > 0 ? sorted[cut - 1].score : Infinity;
  let rank = 0;
  const items = sorted.map((r, i) => {
    // Competition ranking: equal scores share a rank, the next one skips (1, 2, 2, 4).
    if (i === 0 || r.score !== sorted[i - 1].score) rank = i + 1;
    return { ...r, rank, excellent: r.score >= bar };
  });
  const excellentCount = items.filter((i) => i.excellent).length;
  return { items, cut, excellentCount, tiesAtCut: excellentCount > cut };
}
