import { describe, expect, it } from 'vitest';
import { DomTree } from '../../../compiler/ir/dominators.js';
import { parseFunc } from '../../../compiler/ir/parser.js';

/** a function whose CFG is `edges` (block -> successors), every block a jump / brif / br_table / return */
function cfg(edges: number[][]): string {
  const lines = ['function %g(i32) {', 'block0(v0: i32):'];
  edges.forEach((succ, b) => {
    if (b > 0) lines.push(`block${b}:`);
    if (succ.length === 0) lines.push('    return');
    else if (succ.length === 1) lines.push(`    jump block${succ[0]}`);
    else if (succ.length === 2) lines.push(`    brif v0, block${succ[0]}, block${succ[1]}`);
    else lines.push(`    br_table v0, [${succ.slice(0, -1).map((s) => `block${s}`).join(', ')}], default block${succ.at(-1)}`);
  });
  return lines.join('\n') + '\n}\n';
}

function idoms(edges: number[][]): number[] {
  const d = new DomTree();
  d.compute(parseFunc(cfg(edges)));
  return [...d.idom.subarray(0, edges.length)];
}

describe('dominators (Cooper-Harvey-Kennedy)', () => {
  it('diamond: the join is dominated by the fork only', () => {
    expect(idoms([[1, 2], [3], [3], []])).toEqual([0, 0, 0, 0]);
  });
  it('loop with an exit from the body', () => {
    // 0 -> 1 (header) -> 2 (body) -> 1 | 3 ; 1 -> 4 (exit)
    expect(idoms([[1], [2, 4], [1, 3], [4], []])).toEqual([0, 0, 1, 2, 1]);
  });
  it('irreducible region: two entries into a cycle', () => {
    expect(idoms([[1, 2], [2], [1, 3], []])).toEqual([0, 0, 0, 2]);
  });
  it('unreachable blocks have no dominator and are in no relation', () => {
    const d = new DomTree();
    d.compute(parseFunc(cfg([[2], [2], []])));
    expect([...d.idom.subarray(0, 3)]).toEqual([0, -1, 0]);
    expect([d.reachable(1), d.dominates(1, 2), d.dominates(0, 1), d.dominates(1, 1)]).toEqual([false, false, false, false]);
  });
  it('answers dominates() for every pair of a chain with a side branch', () => {
    const d = new DomTree();
    d.compute(parseFunc(cfg([[1], [2, 3, 4], [4], [4], []])));
    const rel = [0, 1, 2, 3, 4].map((a) => [0, 1, 2, 3, 4].map((b) => (d.dominates(a, b) ? 1 : 0)).join(''));
    expect(rel).toEqual(['11111', '01111', '00100', '00010', '00001']);
    expect([...d.rpo.subarray(0, d.rpoCount)]).toEqual([0, 1, 2, 3, 4].filter((b) => d.reachable(b)).sort((a, b) => d.rpoIndex[a]! - d.rpoIndex[b]!));
  });
  it('handles a long chain without recursion', () => {
    const n = 20000;
    const edges = Array.from({ length: n }, (_, b) => (b + 1 < n ? [b + 1] : []));
    const d = new DomTree();
    d.compute(parseFunc(cfg(edges)));
    expect(d.idom[n - 1]).toBe(n - 2);
    expect(d.dominates(0, n - 1)).toBe(true);
    expect(d.dominates(n - 1, 0)).toBe(false);
  });
});
