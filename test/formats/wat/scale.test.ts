/**
 * Text modules with many functions, distinct types and imports: the parser's bookkeeping
 * (implicit type lookup, imported function count) is linear, and the results are exact at
 * this scale. (Before, each implicit type scanned every type and each function with local
 * names counted every import: 40,000 of either took 8 to 18 s of CPU, 100,000 minutes. There
 * is no structural way to observe the cost, so the two large cases have a generous timeout.)
 */

import { describe, expect, it } from 'vitest';
import { parseWat } from '../../../formats/wat/module.js';
import { ValType } from '../../../formats/wasm/types.js';

const N = 100000;
/** safety bound: each takes 2-3 s on a loaded 2-core machine; the quadratic bookkeeping took minutes */
const BOUND = 60_000;
const VT = ['i32', 'i64', 'f32', 'f64'] as const;
const CODE: Record<(typeof VT)[number], ValType> = { i32: ValType.I32, i64: ValType.I64, f32: ValType.F32, f64: ValType.F64 };

/** the i-th of 4^9 distinct 9-parameter lists */
function params(i: number): (typeof VT)[number][] {
  const out: (typeof VT)[number][] = [];
  for (let j = 0, k = i; j < 9; j++, k = Math.floor(k / 4)) out.push(VT[k % 4] as (typeof VT)[number]);
  return out;
}

describe('many implicit types', () => {
  it('100,000 functions with distinct signatures get 100,000 types in order; repeats reuse the first', { timeout: BOUND }, () => {
    let text = '(module\n';
    for (let i = 0; i < N; i++) text += `(func (param ${params(i).join(' ')}))\n`;
    text += `(func (param ${params(123).join(' ')}))\n`;
    text += ')';
    const m = parseWat(text);
    expect(m.types.length).toBe(N);
    expect(m.funcs.length).toBe(N + 1);
    expect(m.funcs.every((t, i) => t === (i === N ? 123 : i))).toBe(true);
    expect(m.types[N - 1]).toEqual({ params: params(N - 1).map((t) => CODE[t]), results: [] });
  });

  it('an explicit type is found for an implicit use written before it', () => {
    const m = parseWat(`(module
      (func (param i64))
      (func (param i32) (result i32) local.get 0)
      (type $t (func (param i32) (result i32)))
      (func (type $t) local.get 0)
      (func (param i64)))`);
    expect(m.types).toEqual([
      { params: [ValType.I32], results: [ValType.I32] },
      { params: [ValType.I64], results: [] },
    ]);
    expect(m.funcs).toEqual([1, 0, 0, 1]);
  });

  it('block types with parameters reuse and add types the same way', () => {
    const m = parseWat(`(module
      (type (func (param i32) (result i32)))
      (func (param i32) (result i32)
        local.get 0 (block (param i32) (result i32)) (block (param i32) (result i32 i32)) drop))`);
    expect(m.types).toEqual([
      { params: [ValType.I32], results: [ValType.I32] },
      { params: [ValType.I32], results: [ValType.I32, ValType.I32] },
    ]);
    expect(m.codes[0]?.body.map((i) => i.a).slice(1, 4)).toEqual([0, 0, 1]);
  });
});

describe('many imports', () => {
  it('100,000 imported functions then 100,000 functions with local names: names keyed by function index', { timeout: BOUND }, () => {
    let text = '(module\n';
    for (let i = 0; i < N; i++) text += `(import "m" "f${i}" (func))\n`;
    for (let i = 0; i < N; i++) text += `(func $f${i} (local $x${i} i32))\n`;
    text += ')';
    const m = parseWat(text);
    expect(m.imports.length).toBe(N);
    expect(m.codes.length).toBe(N);
    const locals = m.names?.locals;
    expect(locals?.size).toBe(N);
    expect(locals?.get(N)).toEqual(new Map([[0, 'x0']]));
    expect(locals?.get(2 * N - 1)).toEqual(new Map([[0, `x${N - 1}`]]));
    expect(locals?.has(N - 1)).toBe(false);
  });

  it('inline imports count as imported functions too', () => {
    const m = parseWat(`(module
      (import "m" "a" (func))
      (func (import "m" "b") (param i32))
      (memory (import "m" "mem") 1)
      (func $g (param $p i32)))`);
    expect(m.names?.locals).toEqual(new Map([[2, new Map([[0, 'p']])]]));
  });
});
