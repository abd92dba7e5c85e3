/**
 * The interpreter engine end to end: control flow, multi-value, calls, traps with
 * backtraces, call-depth exhaustion, host functions and their exceptions.
 */

import { describe, expect, it } from 'vitest';
import type { HostFunction, RawValue, WasmFunction } from '../../../loader/api.js';
import { KilnTrap } from '../../../loader/trap.js';
import { call, fn, instantiateWat, thrown } from './helpers.js';
import { BLOCK_EMPTY, OP, OPCODES } from '../../../formats/wasm/opcodes.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { parseWat } from '../../../formats/wat/index.js';
import { emptyModule, makeInstr } from '../../../formats/wasm/types.js';
import { validateModule } from '../../../compiler/validate/index.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { KilnError } from '../../../formats/errors.js';

describe('control flow', () => {
  const inst = instantiateWat(`(module
    (func (export "sum") (param $n i32) (result i32) (local $s i32)
      (block $done
        (loop $l
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $s (i32.add (local.get $s) (local.get $n)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $l)))
      (local.get $s))
    (func (export "switch") (param i32) (result i32)
      (block $c (block $b (block $a
        (br_table $a $b $c $a (local.get 0)))
        (return (i32.const 10)))
        (return (i32.const 20)))
      (i32.const 30))
    (func (export "blockval") (param i32) (result i32)
      (i32.add (i32.const 100)
        (block (result i32) (br_if 0 (i32.const 7) (local.get 0)) (drop) (i32.const 8))))
    (func (export "ifparams") (param i32 i32) (result i32)
      (local.get 0)
      (if (param i32) (result i32) (local.get 1)
        (then (i32.const 1) (i32.add))
        (else (i32.const 2) (i32.mul))))
    (func (export "loopparam") (result i32) (local i32)
      (i32.const 0)
      (loop (param i32) (result i32)
        (i32.const 3) (i32.add) (local.tee 0)
        (br_if 0 (i32.lt_u (local.get 0) (i32.const 9)))))
    (func (export "swap") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
    (func (export "dead") (result i32)
      (block (result i32) (br 0 (i32.const 5)) (i32.add) (unreachable)))
  )`);

  it('loops with br_if/br compute 1+…+100', () => expect(call(inst, 'sum', 100)).toBe(5050));
  it('br_table picks the label by index and uses the default for out-of-range', () => {
    expect([0, 1, 2, 3, 4, -1].map((i) => call(inst, 'switch', i))).toEqual([10, 20, 30, 10, 10, 10]);
  });
  it('br_if carries its value out of a block', () => {
    expect(call(inst, 'blockval', 1)).toBe(107);
    expect(call(inst, 'blockval', 0)).toBe(108);
  });
  it('if with block parameters', () => {
    expect(call(inst, 'ifparams', 5, 1)).toBe(6);
    expect(call(inst, 'ifparams', 5, 0)).toBe(10);
  });
  it('br to a loop with a parameter passes the value back to its start', () => expect(call(inst, 'loopparam')).toBe(9));
  it('multi-value results come back as an array', () => expect(call(inst, 'swap', 1, 2n)).toEqual([2n, 1]));
  it('code after an unconditional branch is skipped', () => expect(call(inst, 'dead')).toBe(5));
});

describe('values', () => {
  const inst = instantiateWat(`(module
    (func (export "f32add") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
    (func (export "pair") (param f64 f64) (result f64 f64) (local.get 1) (local.get 0))
    (func (export "neg") (param f64) (result f64) (f64.neg (local.get 0)))
    (func (export "ceil32") (param f32) (result f32) (f32.ceil (local.get 0)))
  )`);
  const f64 = new Float64Array(1);
  const bits = new BigUint64Array(f64.buffer);
  const fromBits = (b: bigint): number => ((bits[0] = b), f64[0] as number);
  const toBits = (x: number): bigint => ((f64[0] = x), bits[0] as bigint);

  it('f32 arithmetic rounds to single precision (JS convention)', () => {
    expect(call(inst, 'f32add', 0.1, 0.2)).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
  });
  it('f32 travels as bits in the raw convention', () => {
    // 1.5f = 0x3fc00000, 2.25f = 0x40100000 → 3.75f = 0x40700000
    expect(fn(inst, 'ceil32').callRaw([0x3fc00000])).toEqual([0x40000000]);
    expect(fn(inst, 'f32add').callRaw([0x3fc00000, 0x40100000])).toEqual([0x40700000]);
  });
  it('f64 signalling-NaN payloads survive multi-value returns and neg', () => {
    const snan = fromBits(0x7ff0000000000001n);
    const args: RawValue[] = [null, null];
    args[0] = 1.5;
    args[1] = snan;
    const out = fn(inst, 'pair').callRaw(args);
    expect(toBits(out[0] as number)).toBe(0x7ff0000000000001n);
    const negArgs: RawValue[] = [null];
    negArgs[0] = snan;
    expect(toBits(fn(inst, 'neg').callRaw(negArgs)[0] as number)).toBe(0xfff0000000000001n);
  });
});

describe('traps', () => {
  const inst = instantiateWat(`(module
    (func $inner (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
    (func $outer (export "outer") (param i32) (result i32) (call $inner (local.get 0)))
    (func (export "unreachable") (unreachable))
    (func $rec (export "rec") (param i32) (result i32) (call $rec (i32.add (local.get 0) (i32.const 1))))
  )`);

  it('frames without a name section entry fall back to the export name, then func[N]', () => {
    const anon = instantiateWat(`(module
      (func (result i32) (unreachable))
      (func (export "entry") (result i32) (call 0)))`);
    const t = thrown(() => call(anon, 'entry')) as KilnTrap;
    expect(t.frames.map((f) => [f.funcIndex, f.name])).toEqual([
      [0, 'func[0]'],
      [1, 'entry'],
    ]);
  });

  it('a trap has the spec wording and a backtrace, innermost first', () => {
    const e = thrown(() => call(inst, 'outer', 0));
    expect(e).toBeInstanceOf(KilnTrap);
    const t = e as KilnTrap;
    expect(t.trapKind).toBe('integer divide by zero');
    expect(t.frames.map((f) => [f.funcIndex, f.name])).toEqual([
      [0, 'inner'],
      [1, 'outer'],
    ]);
    expect(call(inst, 'outer', 2)).toBe(0);
  });
  it('unreachable traps', () => {
    expect((thrown(() => call(inst, 'unreachable')) as KilnTrap).trapKind).toBe('unreachable');
  });
  it('unbounded recursion is "call stack exhausted", never a RangeError', () => {
    const e = thrown(() => call(inst, 'rec', 0));
    expect(e).toBeInstanceOf(KilnTrap);
    expect((e as KilnTrap).trapKind).toBe('call stack exhausted');
    // the engine stays usable afterwards
    expect(call(inst, 'outer', 1)).toBe(1);
  });
  it('maxCallDepth bounds the wasm call depth', () => {
    const src = `(module (func $d (export "d") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $d (i32.sub (local.get 0) (i32.const 1))))))))`;
    const small = instantiateWat(src, {}, { maxCallDepth: 50 });
    expect(call(small, 'd', 49)).toBe(49);
    expect((thrown(() => call(small, 'd', 50)) as KilnTrap).trapKind).toBe('call stack exhausted');
  });
});

describe('host functions', () => {
  it('plain JS functions get JS values; HostFunction records get raw values', () => {
    const seen: unknown[] = [];
    const host: HostFunction = {
      kind: 'host',
      type: { params: [0x7d], results: [0x7e] },
      fn: (args) => {
        seen.push(args[0]);
        return [7n];
      },
    };
    const inst = instantiateWat(
      `(module
        (import "env" "js" (func $js (param f32 i32) (result f64)))
        (import "env" "raw" (func $raw (param f32) (result i64)))
        (func (export "a") (result f64) (call $js (f32.const 1.5) (i32.const -2)))
        (func (export "b") (result i64) (call $raw (f32.const 1.5))))`,
      { env: { js: (x: unknown, y: unknown) => Number(x) * 10 + Number(y), raw: host } },
    );
    expect(call(inst, 'a')).toBe(13);
    expect(call(inst, 'b')).toBe(7n);
    expect(seen).toEqual([0x3fc00000]);
  });
  it('exceptions that are not traps propagate unchanged through wasm frames', () => {
    class Exit {
      constructor(readonly code: number) {}
    }
    const inst = instantiateWat(
      `(module (import "env" "exit" (func $exit (param i32)))
        (func $f (param i32) (call $exit (local.get 0)))
        (func (export "run") (call $f (i32.const 3))))`,
      {
        env: {
          exit: (c: unknown) => {
            throw new Exit(Number(c));
          },
        },
      },
    );
    const e = thrown(() => call(inst, 'run'));
    expect(e).toBeInstanceOf(Exit);
    expect((e as Exit).code).toBe(3);
  });
});

describe('EngineOptions.beforeStart', () => {
  it('runs after exports and data segments exist, before the start function', () => {
    const events: string[] = [];
    const log: HostFunction = {
      kind: 'host',
      type: { params: [0x7f], results: [] },
      fn: ([v]) => {
        events.push(`start saw ${String(v)}`);
        return [];
      },
    };
    instantiateWat(
      `(module (import "env" "log" (func $log (param i32)))
        (memory (export "mem") 1)
        (data (i32.const 0) "\\2a")
        (func $boot (call $log (i32.load8_u (i32.const 0))))
        (start $boot))`,
      { env: { log } },
      {
        beforeStart: (inst) => {
          const mem = inst.exports['mem'];
          events.push(`beforeStart: memory byte ${mem?.kind === 'memory' ? new Uint8Array(mem.buffer)[0] : 'missing'}`);
        },
      },
    );
    expect(events).toEqual(['beforeStart: memory byte 42', 'start saw 42']);
  });
});

describe('modules beyond what the JavaScript engine can compile', () => {
  // (nested blocks that no branch targets translate to nothing, see limits.test.ts; every
  // if becomes a JS if statement, so nested ifs still nest in the generated source)
  // translation is lazy (loader/interp/compile.ts): the function is compiled, and refused,
  // at its first call
  it('extremely deep if nesting fails as uninstantiable at the first call, not with a RangeError', () => {
    const depth = 300_000;
    const body = [
      ...Array.from({ length: depth }, () => [makeInstr(OP.i32_const, 1), makeInstr(OP.if, BLOCK_EMPTY)]).flat(),
      ...Array.from({ length: depth }, () => makeInstr(OP.end)),
      makeInstr(OP.i32_const, 7),
      makeInstr(OP.end),
    ];
    const m = emptyModule();
    m.types.push({ params: [], results: [0x7f] });
    m.funcs.push(0);
    m.codes.push({ locals: [], body, offset: -1, size: 0 });
    m.exports.push({ name: 'run', kind: 'func', index: 0 });
    validateModule(m);
    let error: unknown = null;
    const inst = instantiateModule(interpEngine, m, {});
    try {
      call(inst, 'run');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KilnError);
    expect((error as KilnError).kind).toBe('uninstantiable');
    expect((error as KilnError).reason).toContain('nest too deeply');
    // the function stays untranslated: a second call fails the same way
    const again = thrown(() => call(inst, 'run'));
    expect(again).toBeInstanceOf(KilnError);
    expect((again as KilnError).reason).toContain('nest too deeply');
  });
});

describe('backtrace offsets', () => {
  it('name the byte offset of the trapping instruction and of each call on the way', () => {
    const text = `(module (memory 1)
      (func $wide (param i64) (result i64) (local.get 0))
      (func $load (param i32) (result i32)
        (block (result i32) (loop (result i32) (i32.load offset=4 (local.get 0)))))
      (func $mid (param i32) (result i32) (drop (call $wide (i64.const 1))) (call $load (local.get 0)))
      (func (export "top") (param i32) (result i32) (i32.add (i32.const 1) (call $mid (local.get 0)))))`;
    const m = decodeModule(encodeModule(parseWat(text)));
    const offsetOf = (func: number, name: string, nth = 0): number =>
      (m.codes[func]?.body.filter((i) => OPCODES[i.op]?.name === name)[nth]?.offset ?? -1);
    const inst = instantiateModule(interpEngine, m, {});
    const t = thrown(() => (inst.exports['top'] as WasmFunction).call(65536)) as KilnTrap;
    expect(t.trapKind).toBe('out of bounds memory access');
    expect(t.frames.map((f) => [f.funcIndex, f.offset])).toEqual([
      [1, offsetOf(1, 'i32.load')],
      [2, offsetOf(2, 'call', 1)],
      [3, offsetOf(3, 'call')],
    ]);
    expect(t.frames.every((f) => (f.offset ?? 0) > 0)).toBe(true);
  });
});
