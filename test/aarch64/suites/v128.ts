/**
 * `v128`: v128 values on native AArch64 code (issue 13's infrastructure, the AArch64 mirror of
 * test/loader/native/v128-abi.test.ts), compiled in this arm64 process and compared with the
 * interpreter: params and results through the entry trampoline (registers, stack arguments,
 * memory results; 16-byte buffer slots), wasm-to-wasm calls with v128 on the stack, host
 * functions through the exit trampoline, v128 globals, spills of many live v128 values (with
 * and without calls), constants of every materialisation form, selects, lanes, loads and stores.
 */

import { validateModule } from '../../../compiler/validate/index.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Module } from '../../../formats/wasm/types.js';
import type { Engine, HostFunction, Imports, RawValue, WasmFunction, WasmGlobal } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { nativeEngine } from '../../../loader/native/index.js';
import { nativeV128Use } from '../../../targets/compile.js';
import { equal, type Reporter, type Suite } from '../check.js';
import { ABI, GLOBALS, HOST, LANES, SPILLS } from '../v128-modules.js';

const bytes = (...xs: number[]): Uint8Array => Uint8Array.from({ length: 16 }, (_, k) => xs[k % xs.length] as number);
/** 16 distinct bytes from `seed` */
const pattern = (seed: number): Uint8Array => Uint8Array.from({ length: 16 }, (_, k) => (seed * 37 + k * 11 + 3) & 0xff);

function module(wat: string): Module {
  const m = decodeModule(encodeModule(parseWat(wat)));
  validateModule(m);
  return m;
}

/** call `name` with `args` on both engines (imports made per engine); both results */
function both(m: Module, name: string, args: RawValue[], imports: (engine: Engine) => Imports = () => ({})): [RawValue[], RawValue[]] {
  const run = (engine: Engine): RawValue[] => {
    const inst = instantiateModule(engine, m, imports(engine));
    return (inst.exports[name] as WasmFunction).callRaw(args);
  };
  return [run(nativeEngine), run(interpEngine)];
}

/** f(args) gives the same on both engines, and native code ran it */
function same(m: Module, name: string, args: RawValue[], imports?: (engine: Engine) => Imports): RawValue[] {
  const [x, y] = both(m, name, args, imports);
  equal(x, y, `${name}(native) = ${name}(interpreter)`);
  return x;
}

const xorHost = (): HostFunction => ({
  kind: 'host',
  type: { params: [0x7b, 0x7f, 0x7b], results: [0x7b, 0x7b] },
  fn: (args) => [args[2] as RawValue, Uint8Array.from(args[0] as Uint8Array, (v) => v ^ (args[1] as number))],
});

/** 10 v128 and an i32 in: the v128s reversed, each xor-ed with the i32, and their count */
const wideHost = (): HostFunction => ({
  kind: 'host',
  type: { params: [...Array<number>(10).fill(0x7b), 0x7f], results: [...Array<number>(10).fill(0x7b), 0x7f] },
  fn: (args) => {
    const k = args[10] as number;
    const vs = args.slice(0, 10).reverse().map((v) => Uint8Array.from(v as Uint8Array, (b) => b ^ k));
    return [...vs, 10];
  },
});

/** an i32 and 20 v128s in: the i32 plus one, the v128s rotated by one place */
const bigHost = (): HostFunction => ({
  kind: 'host',
  type: { params: [0x7f, ...Array<number>(20).fill(0x7b)], results: [0x7f, ...Array<number>(20).fill(0x7b)] },
  fn: (args) => [((args[0] as number) + 1) | 0, ...args.slice(2), args[1] as RawValue],
});

export const suite: Suite = {
  description: 'v128 params, results, stack slots, host calls, globals, spills, constants, lanes and memory on native AArch64 code (vs the interpreter)',
  async run(t: Reporter): Promise<void> {
    await t.test('every module compiles natively (no v128 use refused for aarch64)', () => {
      for (const [name, wat] of Object.entries({ ABI, HOST, GLOBALS, SPILLS, LANES })) equal(nativeV128Use(module(wat), 'aarch64'), null, name);
    });

    await t.test('v128 params and results through the entry trampoline and wasm calls: registers, stack, memory', () => {
      const m = module(ABI);
      const a = pattern(1);
      const b = bytes(0xff, 0x80, 0x7f, 0);
      same(m, 'many', [a, b]);
      equal(same(m, 'id', [-5, a, 2.5, b]), [b, 2.5, a, -5], 'id');
      const ten = Array.from({ length: 10 }, (_, k) => pattern(k + 2));
      equal(same(m, 'wide', [...ten, -77n]), [-77n, ...ten.slice().reverse()], 'wide');
      same(m, 'viaCall', [a, b]);
    });

    await t.test('host functions with v128 params and results through the exit trampoline (registers and stack)', () => {
      const m = module(HOST);
      const host = (): Imports => ({ env: { h: xorHost(), w: wideHost(), b: bigHost() } });
      const a = bytes(1, 2, 3, 4);
      const x = same(m, 'f', [a, bytes(0x10, 0x20)], host);
      equal(x[1], Uint8Array.from(a, (v) => v ^ 9), 'the host saw its arguments');
      const g = same(m, 'g', [pattern(5), pattern(6)], host);
      equal(g.length, 11, 'results');
      equal(g[10], 10, 'the i32 result after ten v128s');
      const twenty = Array.from({ length: 20 }, (_, k) => pattern(k + 20));
      equal(same(m, 'big', [41, ...twenty], host), [42, ...twenty.slice(1), twenty[0] as RawValue], 'big');
    });

    await t.test('v128 globals: imported mutable, defined and exported, immutable', () => {
      const m = module(GLOBALS);
      const run = (engine: Engine): [RawValue[], RawValue, RawValue] => {
        const g = engine.host.global({ type: 0x7b, mutable: true }, bytes(9, 0, 0, 0));
        const inst = instantiateModule(engine, m, { env: { g } });
        const out = (inst.exports['f'] as WasmFunction).callRaw([bytes(1, 1, 1, 1)]);
        return [out, g.getRaw(), (inst.exports['h'] as WasmGlobal).getRaw()];
      };
      equal(run(nativeEngine), run(interpEngine), 'results and globals');
    });

    await t.test('40 live v128 values spilled across a call, without calls, and f64 spills in a v128 function', () => {
      const m = module(SPILLS);
      for (const [p, q] of [[0n, 0n], [3n, -7n], [0x0123456789abcdefn, -0x5555555555555555n]] as const) {
        same(m, 'spillCall', [p, q]);
        same(m, 'spillLive', [p, q]);
      }
      same(m, 'spillFloat', [1.25, pattern(9)]);
      same(m, 'spillFloat', [-0, pattern(10)]);
    });

    await t.test('constants of every form, selects on every condition kind', () => {
      const m = module(LANES);
      const c = same(m, 'consts', []);
      equal(c[0], new Uint8Array(16), 'zero');
      equal(c[1], new Uint8Array(16).fill(0xff), 'all ones');
      for (const [s, i, f] of [[1, 5n, 2.0], [0, 4n, 1.0], [-1, 6n, NaN]] as const) same(m, 'select', [pattern(1), pattern(2), s, i, f]);
    });

    await t.test('lane extracts and replaces, splats, v128 loads and stores', () => {
      const m = module(LANES);
      for (const v of [pattern(3), bytes(0x80, 0xff, 0x7f, 0x01), new Uint8Array(16)]) {
        same(m, 'lanes', [v, -2, 0x1122334455667788n, 1.5, -3.25]);
        same(m, 'lanes', [v, 0x12345678, -1n, NaN, Infinity]);
      }
      for (const [x, y] of [[0, 0n], [-1, -1n], [0x1234, 0x0123456789abcdefn], [0x80, 0x8000n]] as const) same(m, 'splats', [x, y]);
      for (const at of [0, 17, 1000, 65536 - 4100 - 16]) same(m, 'memory', [at, pattern(at & 0xff)]);
    });
  },
};
