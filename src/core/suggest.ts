/**
 * "Did you mean ...?" for a mistyped name: the closest known name by edit
 * distance (insertions, deletions, substitutions and swaps of two adjacent
 * letters each count one), compared case-insensitively.
 */

/** Names this many edits or more away are not suggested. */
const MAX_EDITS = 3;

/**
 * The name of `names` closest to `typed`, or null when none is close: fewer
 * than `MAX_EDITS` edits and fewer edits than half of `typed`'s length
 * (`ems` → `emr`, `bsc` → `bcs`; nothing for `xyz`).
 */
export function nearestName(typed: string, names: readonly string[]): string | null {
  const word = typed.toLowerCase();
  let best: { name: string; edits: number } | null = null;
  for (const name of names) {
    const edits = editDistance(word, name.toLowerCase());
    if (edits < MAX_EDITS && edits * 2 < word.length && (!best || edits < best.edits)) best = { name, edits };
  }
  return best?.name ?? null;
}

/** The edits that turn `a` into `b` (optimal string alignment distance). */
function editDistance(a: string, b: string): number {
  // rows[i][j]: the distance between the first i letters of a and the first j of b.
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}
