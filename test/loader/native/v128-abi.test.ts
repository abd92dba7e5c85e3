/**
 * v128 values across function boundaries on the native engine (issue 13): params and results
 * of exported functions through the entry trampoline (two 8-byte buffer slots each), calls
 * between wasm functions with enough v128 arguments and results to spill to the stack, host
 * functions taking and returning v128 through the exit trampoline, and v128 globals (defined,
 * exported, imported, mutable), compared with the interpreter.
 */

import { describe, expect, it } from 'vitest';
import { validateModule } from '../../../compiler/validate/index.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Module } from '../../../formats/wasm/types.js';
import type { Engine, HostFunction, Imports, RawValue, WasmFunction, WasmGlobal } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { nativeEngine } from '../../../loader/native/index.js';
import { hostIsa } from '../../../targets/host.js';
import { nativeV128Use } from '../../../targets/compile.js';

const bytes = (...xs: number[]): Uint8Array => Uint8Array.from({ length: 16 }, (_, k) => xs[k % xs.length] as number);

function module(wat: string): Module {
  const m = decodeModule(encodeModule(parseWat(wat)));
  validateModule(m);
  return m;
}

/** call `name` with `args` on both engines (imports made per engine); both results */
function both(m: Module, name: string, args: RawValue[], imports: () => Imports = () => ({})): [RawValue[], RawValue[]] {
  const run = (engine: Engine): RawValue[] => {
    const inst = instantiateModule(engine, m, imports());
    const f = inst.exports[name] as WasmFunction;
    return f.callRaw(args);
  };
  return [run(nativeEngine), run(interpEngine)];
}

/** sum of 12 v128 params (i32x4.add), as a chain of wasm calls with many v128 arguments */
const MANY = `(module
  (func $sum (param v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128) (result v128 v128 i32)
    (i32x4.add (local.get 0) (local.get 1)) (i32x4.add (local.get 2) (local.get 3))
    (local.set 0) (local.set 1)
    (i32x4.add (local.get 0) (local.get 1))
    (i32x4.add (local.get 4) (local.get 5)) (i32x4.add (local.get 6) (local.get 7))
    (i32x4.add (local.get 8) (local.get 9)) (i32x4.add (local.get 10) (local.get 11))
    (i32x4.add) (i32x4.add) (i32x4.add) (i32x4.add)
    (local.get 11) (i32.const 7))
  (func (export "many") (param v128 v128) (result v128 v128 i32)
    (call $sum (local.get 0) (local.get 1) (local.get 0) (local.get 1) (local.get 0) (local.get 1)
               (local.get 0) (local.get 1) (local.get 0) (local.get 1) (local.get 0) (local.get 1)))
  (func (export "id") (param i32 v128 f64 v128) (result v128 f64 v128 i32)
    (local.get 3) (local.get 2) (local.get 1) (local.get 0)))`;

describe.runIf(hostIsa() === 'x86_64')('v128 across calls on the native engine', () => {
  it('compiles natively (no v128 use is refused)', () => {
    expect(nativeV128Use(module(MANY), 'x86_64')).toBeNull();
  });

  it('passes v128 params and results through the entry trampoline, in registers and on the stack', () => {
    const m = module(MANY);
    const a = bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
    const b = bytes(0xff, 0x80, 0x7f, 0);
    const [x, y] = both(m, 'many', [a, b]);
    expect(x).toEqual(y);
    const [p, q] = both(m, 'id', [-5, a, 2.5, b]);
    expect(p).toEqual(q);
    expect(p).toEqual([b, 2.5, a, -5]);
  });

  it('calls a host function with v128 params and results through the exit trampoline', () => {
    const m = module(`(module
      (import "env" "h" (func $h (param v128 i32 v128) (result v128 v128)))
      (func (export "f") (param v128 v128) (result v128 v128)
        (call $h (local.get 0) (i32.const 9) (i32x4.add (local.get 0) (local.get 1)))))`);
    const host = (): Imports => {
      const h: HostFunction = {
        kind: 'host',
        type: { params: [0x7b, 0x7f, 0x7b], results: [0x7b, 0x7b] },
        fn: (args) => [args[2] as RawValue, Uint8Array.from(args[0] as Uint8Array, (v) => v ^ (args[1] as number))],
      };
      return { env: { h } };
    };
    const a = bytes(1, 2, 3, 4);
    const b = bytes(0x10, 0x20);
    const [x, y] = both(m, 'f', [a, b], host);
    expect(x).toEqual(y);
    expect(x[1]).toEqual(Uint8Array.from(a, (v) => v ^ 9));
  });

  it('reads and writes v128 globals: defined, exported, imported, mutable', () => {
    const m = module(`(module
      (import "env" "g" (global $g (mut v128)))
      (global $h (export "h") (mut v128) (v128.const i32x4 1 2 3 4))
      (global $k v128 (v128.const i64x2 -1 5))
      (func (export "f") (param v128) (result v128)
        (global.set $g (i32x4.add (global.get $g) (local.get 0)))
        (global.set $h (i8x16.sub (global.get $h) (global.get $k)))
        (i64x2.add (global.get $g) (global.get $h))))`);
    const run = (engine: Engine): [RawValue[], RawValue, RawValue] => {
      const g = engine.host.global({ type: 0x7b, mutable: true }, bytes(9, 0, 0, 0));
      const inst = instantiateModule(engine, m, { env: { g } });
      const out = (inst.exports['f'] as WasmFunction).callRaw([bytes(1, 1, 1, 1)]);
      return [out, g.getRaw(), (inst.exports['h'] as WasmGlobal).getRaw()];
    };
    expect(run(nativeEngine)).toEqual(run(interpEngine));
  });
});
