/**
 * A small unified line diff for golden-file failures (longest common subsequence over lines,
 * three lines of context), so a failing golden test shows what changed rather than two blobs.
 */

type Op = [kind: ' ' | '-' | '+', line: string];

function lineOps(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..], b[j..]
  const lcs: Int32Array[] = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push([' ', a[i]!]);
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push(['-', a[i++]!]);
    else ops.push(['+', b[j++]!]);
  }
  return ops;
}

/** `--- expected` / `+++ actual` hunks with 3 lines of context; '' when equal */
export function unifiedDiff(expected: string, actual: string, name: string): string {
  if (expected === actual) return '';
  const ops = lineOps(expected.split('\n'), actual.split('\n'));
  const out = [`--- ${name} (expected)`, `+++ ${name} (actual)`];
  const changed = ops.map((o) => o[0] !== ' ');
  let k = 0;
  while (k < ops.length) {
    if (!changed[k]) {
      k++;
      continue;
    }
    const start = Math.max(0, k - 3);
    let end = k;
    // extend while changes are within 6 lines of each other
    while (end < ops.length) {
      let next = end;
      while (next < ops.length && !changed[next]) next++;
      if (next >= ops.length || next - end > 6) break;
      end = next + 1;
    }
    const stop = Math.min(ops.length, end + 3);
    let aLine = 1;
    let bLine = 1;
    for (let q = 0; q < start; q++) {
      if (ops[q]![0] !== '+') aLine++;
      if (ops[q]![0] !== '-') bLine++;
    }
    const hunk = ops.slice(start, stop);
    const aLen = hunk.filter((o) => o[0] !== '+').length;
    const bLen = hunk.filter((o) => o[0] !== '-').length;
    out.push(`@@ -${aLine},${aLen} +${bLine},${bLen} @@`);
    for (const [kind, line] of hunk) out.push(kind + line);
    k = stop;
  }
  return out.join('\n');
}
