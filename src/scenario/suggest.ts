// "Did you mean …?" for unknown keys: the closest known key by edit distance, when it is close enough to be a typo.

/** The message for one unknown key, given the keys the object accepts. */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const guess = closest(key, known);
  if (guess !== undefined) return `unknown key (did you mean ${guess}?)`;
  return known.length > 0 ? `unknown key (expected one of: ${known.join(", ")})` : "unknown key";
}

/** The known word nearest to `word`, if within about a third of its length (case differences count as half). */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const allowed = Math.max(1, Math.floor(word.length / 3));
  for (const k of known) {
    // The distance is at least the difference in length: skipping hopeless candidates keeps a 20 MB key from
    // costing 20 MB × the key's length in time and memory.
    if (Math.abs(word.length - k.length) > allowed + 0.5) continue;
    const score = Math.min(distance(word, k), distance(word.toLowerCase(), k.toLowerCase()) + 0.5);
    if (score < bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return bestScore <= allowed + 0.5 ? best : undefined;
}

// Optimal string alignment distance: Levenshtein plus adjacent transpositions ("retnetion" is one edit away).
function distance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? Math.max(a.length, b.length);
}
