/**
 * Native traps look like the interpreter's: the same trap kind and the same backtrace — the
 * function names (name section, export names, func[N]) and the wasm byte offsets of the
 * trapping instruction and of every call on the way — for traps in nested calls, through
 * call_indirect, in runtime functions, and at stack exhaustion.
 */

import { describe, expect, it } from 'vitest';
import { validateModule } from '../../../compiler/validate/index.js';
import { decodeModule } from '../../../formats/wasm/decode.js';
import { encodeModule } from '../../../formats/wasm/encode.js';
import { parseWat } from '../../../formats/wat/index.js';
import type { Engine, WasmFunction } from '../../../loader/api.js';
import { instantiateModule } from '../../../loader/instance/engine.js';
import { interpEngine } from '../../../loader/interp/index.js';
import { nativeEngine } from '../../../loader/native/index.js';
import { KilnTrap } from '../../../loader/trap.js';

const WAT = `(module
  (type $t (func (param i32) (result i32)))
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 0) $deep)
  (func $leaf (param i32) (result i32) local.get 0 i32.const 0 i32.div_u)
  (func $mid (param i32) (result i32) i32.const 7 drop local.get 0 call $leaf)
  (func $deep (param i32) (result i32) local.get 0 i32.load offset=65536)
  (func (export "div") (param i32) (result i32) local.get 0 call $mid)
  (func (export "indirect") (param i32) (result i32) local.get 0 i32.const 0 call_indirect (type $t))
  (func (export "unreachable") unreachable)
  (func (export "fill") i32.const 65530 i32.const 0 i32.const 10 memory.fill)
  (func $rec (export "rec") (param i32) (result i32) local.get 0 i32.const 1 i32.add call $rec))`;

function trapOf(engine: Engine, name: string, args: number[]): KilnTrap {
  const m = decodeModule(encodeModule(parseWat(WAT)));
  validateModule(m);
  const inst = instantiateModule(engine, m, {});
  const f = inst.exports[name] as WasmFunction;
  try {
    f.callRaw(args);
  } catch (e) {
    if (e instanceof KilnTrap) return e;
    throw e;
  }
  throw new Error(`${name} did not trap`);
}

describe('native backtraces match the interpreter', () => {
  it.each([
    ['div', [1]],
    ['indirect', [5]],
    ['unreachable', []],
    ['fill', []],
  ] as const)('%s', (name, args) => {
    const a = trapOf(interpEngine, name, [...args]);
    const b = trapOf(nativeEngine, name, [...args]);
    expect(b.trapKind).toBe(a.trapKind);
    expect(b.backtrace()).toBe(a.backtrace());
    expect(b.frames.length).toBeGreaterThan(0);
    expect(b.frames.every((f) => f.offset !== undefined)).toBe(true);
  });

  it('stack exhaustion is a trap naming the recursive function', () => {
    const b = trapOf(nativeEngine, 'rec', [0]);
    expect(b.trapKind).toBe('call stack exhausted');
    expect(b.frames[0]?.name).toBe('rec');
  });
});
