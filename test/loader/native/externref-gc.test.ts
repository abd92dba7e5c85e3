/**
 * The externref handle table under pressure (issue 10, stack maps): with its capacity set
 * small, a program receives a million fresh host objects through externref in a loop while
 * it keeps some alive in a table, in globals and in locals across calls (in registers and
 * spill slots of several frames). Collections, rooted by tables, globals and the native frames
 * walked with the compiler's stack maps, must run over and over, the table must never grow
 * past its capacity, and every kept object must come back identical (===).
 */

import { describe, expect, it } from 'vitest';
import { ValType } from '../../../formats/wasm/types.js';
import type { ExternRef, HostFunction, RawValue, WasmFunction, WasmGlobal, WasmTable } from '../../../loader/api.js';
import { loadArtifact } from '../../../loader/cwasm/load.js';
import { nativeEngine } from '../../../loader/native/index.js';
import { compileArtifact } from '../../../linker/cwasm.js';
import { fromWat } from '../../cwasm/helpers.js';

const WAT = `(module
  (import "host" "fresh" (func $fresh (param i32) (result externref)))
  (import "host" "check" (func $check (param externref i32) (result i32)))
  (table $keep (export "keep") 16 externref)
  (global $g1 (export "g1") (mut externref) (ref.null extern))
  (global $g2 (export "g2") (mut externref) (ref.null extern))
  ;; holds $x and a fresh $t across two host calls; returns $x
  (func $inner (param $i i32) (param $x externref) (result externref) (local $t externref)
    (local.set $t (call $fresh (i32.add (i32.mul (local.get $i) (i32.const 2)) (i32.const 1))))
    (if (i32.eqz (call $check (local.get $t) (i32.add (i32.mul (local.get $i) (i32.const 2)) (i32.const 1)))) (then unreachable))
    (local.get $x))
  ;; six distinct references live across its calls, more than the callee-saved registers
  (func $wide (param $i i32) (param $x externref) (result externref)
    (local $q externref) (local $r externref) (local $s externref) (local $u externref) (local $v externref) (local $id i32)
    (local.set $id (i32.add (i32.const 10000000) (i32.mul (local.get $i) (i32.const 8))))
    (local.set $q (call $fresh (i32.add (local.get $id) (i32.const 1))))
    (local.set $r (call $fresh (i32.add (local.get $id) (i32.const 2))))
    (local.set $s (call $fresh (i32.add (local.get $id) (i32.const 3))))
    (local.set $u (call $fresh (i32.add (local.get $id) (i32.const 4))))
    (local.set $v (call $fresh (i32.add (local.get $id) (i32.const 5))))
    (drop (call $inner (local.get $i) (local.get $q)))
    (if (i32.eqz (call $check (local.get $q) (i32.add (local.get $id) (i32.const 1)))) (then unreachable))
    (if (i32.eqz (call $check (local.get $r) (i32.add (local.get $id) (i32.const 2)))) (then unreachable))
    (if (i32.eqz (call $check (local.get $s) (i32.add (local.get $id) (i32.const 3)))) (then unreachable))
    (if (i32.eqz (call $check (local.get $u) (i32.add (local.get $id) (i32.const 4)))) (then unreachable))
    (if (i32.eqz (call $check (local.get $v) (i32.add (local.get $id) (i32.const 5)))) (then unreachable))
    (local.get $x))
  (func (export "run") (param $count i32) (result i32) (local $i i32) (local $a externref) (local $b externref)
    (local.set $a (call $fresh (i32.const -1)))
    (global.set $g1 (call $fresh (i32.const -3)))
    (loop $l
      (local.set $b (call $fresh (i32.mul (local.get $i) (i32.const 2))))
      (if (i32.eqz (call $check
            (if (result externref) (i32.and (local.get $i) (i32.const 1))
              (then (call $inner (local.get $i) (local.get $b)))
              (else (call $wide (local.get $i) (local.get $b))))
            (i32.mul (local.get $i) (i32.const 2)))) (then unreachable))
      (if (i32.eqz (i32.rem_u (local.get $i) (i32.const 1000))) (then
        (table.set $keep (i32.rem_u (i32.div_u (local.get $i) (i32.const 1000)) (i32.const 16)) (local.get $b))
        (global.set $g2 (local.get $b))
        (if (i32.eqz (call $check (local.get $a) (i32.const -1))) (then unreachable))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $count))))
    (call $check (local.get $a) (i32.const -1))))`;

const ITERATIONS = 300_000;
const CAPACITY = 256;

/** the host side: fresh objects by id, remembered only while the program may still check them */
function host(): { imports: Record<string, Record<string, HostFunction>>; made: () => number; kept: Map<number, ExternRef> } {
  const live = new Map<number, ExternRef>();
  const kept = new Map<number, ExternRef>();
  let made = 0;
  const fresh: HostFunction = {
    kind: 'host',
    type: { params: [ValType.I32], results: [ValType.ExternRef] },
    fn: ([id]: RawValue[]) => {
      const e: ExternRef = { externref: { id } };
      made++;
      live.set(id as number, e);
      if ((id as number) < 0 || (id as number) % 2000 === 0) kept.set(id as number, e);
      return [e];
    },
  };
  const check: HostFunction = {
    kind: 'host',
    type: { params: [ValType.ExternRef, ValType.I32], results: [ValType.I32] },
    fn: ([e, id]: RawValue[]) => [live.get(id as number) === e && e !== null ? 1 : 0],
  };
  return { imports: { host: { fresh, check } }, made: () => made, kept };
}

describe('externref handles under a small capacity', () => {
  const { module, wasm } = fromWat(WAT);
  const cases = [
    ['compiled in memory', () => nativeEngine.compile(module)],
    ['loaded from a .cwasm artifact', () => loadArtifact(compileArtifact(module, wasm), { fallback: 'none' }).compiled],
  ] as const;
  for (const [name, compile] of cases) {
    it(`${name}: a million fresh objects, hundreds of collections, kept objects identical`, () => {
      const refs = nativeEngine.backend.runtime().refs;
      const before = { ...refs.stats };
      const capacity = refs.capacity;
      refs.capacity = CAPACITY;
      try {
        const h = host();
        const inst = nativeEngine.instantiate(compile(), h.imports);
        expect((inst.exports['run'] as WasmFunction).call(ITERATIONS)).toBe(1);
        expect(h.made()).toBeGreaterThanOrEqual(1_000_000);
        const collections = refs.stats.collections - before.collections;
        console.log(`${name}: ${h.made()} objects, ${collections} collections, ${refs.stats.freed - before.freed} handles freed, capacity ${refs.capacity}`);
        expect(collections).toBeGreaterThanOrEqual(100);
        expect(refs.stats.grown - before.grown).toBe(0);
        expect(refs.capacity).toBe(CAPACITY);
        expect(refs.live).toBeLessThanOrEqual(CAPACITY);
        // the table and the globals give back the very objects stored
        const table = inst.exports['keep'] as WasmTable;
        for (let k = 0; k < 16; k++) {
          const i = Math.floor(ITERATIONS / 1000 / 16) * 16 * 1000 + k * 1000;
          const id = 2 * (i < ITERATIONS ? i : i - 16000);
          expect(table.get(k)).toBe(h.kept.get(id));
        }
        expect((inst.exports['g1'] as WasmGlobal).getRaw()).toBe(h.kept.get(-3));
        expect((inst.exports['g2'] as WasmGlobal).getRaw()).toBe(h.kept.get(2 * (Math.floor((ITERATIONS - 1) / 1000) * 1000)));
      } finally {
        refs.capacity = capacity;
      }
    });
  }

  it('the compiler records where references live at calls (stack maps) and what the prologue saves', () => {
    const code = nativeEngine.compile(module) as unknown as { code: { funcs: { stackMaps?: Int32Array; savedRegs?: Int32Array }[] } };
    const withMaps = code.code.funcs.filter((f) => (f.stackMaps?.length ?? 0) > 0);
    expect(withMaps.length).toBe(3);
    // $wide keeps six references across its calls: more than the callee-saved registers
    const wide = code.code.funcs[1] as { stackMaps: Int32Array };
    const places = new Set<number>();
    for (let k = 0; k < wide.stackMaps.length; k += 2 + 2 * (wide.stackMaps[k + 1] as number)) {
      for (let e = 0; e < (wide.stackMaps[k + 1] as number); e++) places.add(wide.stackMaps[k + 2 + 2 * e] as number);
    }
    expect([...places].some((p) => p < 0)).toBe(true);
    expect([...places].some((p) => p >= 0)).toBe(true);
  });
});
