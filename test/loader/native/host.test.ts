/**
 * wasm → host through exit trampolines and koffi callbacks: every value type both ways
 * (through entry + exit trampolines with stack arguments and memory results), re-entrancy
 * (host → wasm → host → wasm), host exceptions rethrown unchanged, traps inside nested calls,
 * and W^X checked from /proc/self/maps while compiled code is on the stack.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { f64FromBits, f64ToBits } from '../../../formats/float-bits.js';
import type { FuncType } from '../../../formats/wasm/types.js';
import type { HostFunction, Instance, RawValue } from '../../../loader/api.js';
import { codeRanges, type NativeEngine, type NativeFunc } from '../../../loader/native/index.js';
import { KilnTrap } from '../../../loader/trap.js';
import { RAX, RDI, RSI } from '../../../targets/x86_64/regs.js';
import { exported, handInstance, thrown } from './hand.js';

/** h(x) forwarded: f(x) = h(x) */
const callsH = { f: (f: import('./hand.js').Fn) => f.callImport(0) };

describe('native engine: host functions', () => {
  it('round-trips every value type through entry and exit trampolines (stack arguments, memory results)', () => {
    const types = [0x7f, 0x7e, 0x7d, 0x7c, 0x70, 0x6f] as const;
    const params = Array.from({ length: 24 }, (_, i) => types[i % types.length] as number);
    const type = { params, results: [...params].reverse() } as FuncType;
    let seen: RawValue[] = [];
    const host: HostFunction = {
      kind: 'host',
      type,
      fn: (args) => {
        seen = args;
        return [...args].reverse();
      },
    };
    const wat = `(module (import "env" "h" (func $h (param ${params.map(wt).join(' ')}) (result ${[...params].reverse().map(wt).join(' ')}))) (func $f (export "f") unreachable))`;
    const { instance, engine } = handInstance(wat, { f: () => undefined }, { env: { h: host } });
    const g = exported(instance, 'f');
    const ext = { externref: { any: 'value' } };
    const snan64 = f64FromBits(0x7ff4_0000_0000_0001n);
    const values: RawValue[] = params.map((t, i) =>
      t === 0x7f ? -1 - i : t === 0x7e ? -(1n << 63n) + BigInt(i) : t === 0x7d ? 0x7fa0_0001 + i : t === 0x7c ? (i === 3 ? snan64 : i + 0.5) : t === 0x70 ? (i % 12 === 4 ? g : null) : ext,
    );
    // call the import's exit trampoline through the entry trampoline of the same type
    const h = engine.backend.runtime();
    const rec = importSlot(instance, engine);
    const out = h.invoke(type, rec.code, rec.vmctx, values);
    expect(seen).toEqual(values);
    expect(Object.is(seen[3], snan64)).toBe(true);
    expect(out).toEqual([...values].reverse());
    // NaN payloads survive both ways (toEqual does not look at payloads)
    expect(f64ToBits(seen[3] as number)).toBe(0x7ff4_0000_0000_0001n);
    expect(f64ToBits(out[out.length - 4] as number)).toBe(0x7ff4_0000_0000_0001n);
    expect(seen[2]).toBe(0x7fa0_0001 + 2);
  });

  it('calls a host function from compiled code and returns its result', () => {
    const { instance } = handInstance('(module (import "env" "h" (func (param i32) (result i32))) (func $f (export "f") (param i32) (result i32) unreachable))', callsH, {
      env: { h: (x: unknown) => (x as number) * 3 },
    });
    expect(exported(instance, 'f').call(14)).toBe(42);
  });

  it('rethrows the host exception object unchanged, and the engine stays usable', () => {
    const boom = new Error('boom');
    let fail = true;
    const { instance, engine } = handInstance('(module (import "env" "h" (func (param i32) (result i32))) (func $f (export "f") (param i32) (result i32) unreachable))', callsH, {
      env: {
        h: (x: unknown) => {
          if (fail) throw boom;
          return x;
        },
      },
    });
    expect(thrown(() => exported(instance, 'f').call(1))).toBe(boom);
    expect(engine.backend.runtime().inWasm).toBe(false);
    fail = false;
    expect(exported(instance, 'f').call(7)).toBe(7);
  });

  it('re-enters: host → wasm → host → wasm, with a trap caught in a nested call', () => {
    const wat = `(module
      (import "env" "h" (func (param i32) (result i32)))
      (func $f (export "f") (param i32) (result i32) unreachable)
      (func $g (export "g") (param i32) (result i32) unreachable)
      (func $t (export "t") unreachable))`;
    const trapsSeen: string[] = [];
    const ref: { f?: (x: number) => number; g?: (x: number) => number; t?: () => void } = {};
    const { instance } = handInstance(
      wat,
      {
        f: (f) => f.callImport(0),
        g: (f) => f.e({ kind: 'lea', w: 32, dst: RAX, src: { kind: 'mem', base: RSI, index: RSI, scale: 1, disp: 0 } }),
        t: (f) => f.trap(0, 3),
      },
      {
        env: {
          h: (x: unknown) => {
            const n = x as number;
            if (n === 0) return 0;
            try {
              ref.t?.();
            } catch (e) {
              trapsSeen.push((e as KilnTrap).trapKind);
            }
            return (ref.g?.(n) ?? 0) + (ref.f?.(n - 1) ?? 0);
          },
        },
      },
    );
    ref.f = (x) => exported(instance, 'f').call(x) as number;
    ref.g = (x) => exported(instance, 'g').call(x) as number;
    ref.t = () => exported(instance, 't').call();
    expect(ref.f(20)).toBe(420);
    expect(trapsSeen).toHaveLength(20);
    expect(new Set(trapsSeen)).toEqual(new Set(['unreachable']));
  });

  it('never maps kiln code writable and executable (checked while wasm is on the stack)', () => {
    let checked = 0;
    const { instance } = handInstance('(module (import "env" "h" (func (param i32) (result i32))) (func $f (export "f") (param i32) (result i32) unreachable))', callsH, {
      env: {
        h: () => {
          const ranges = codeRanges();
          for (const line of readFileSync('/proc/self/maps', 'utf8').split('\n')) {
            const m = /^([0-9a-f]+)-([0-9a-f]+) (\S{4})/.exec(line);
            if (m === null) continue;
            const lo = parseInt(m[1] as string, 16);
            const hi = parseInt(m[2] as string, 16);
            const perms = m[3] as string;
            if (!ranges.some(([a, b]) => lo < b && a < hi)) continue;
            expect(perms.includes('w') && perms.includes('x'), line).toBe(false);
            if (perms.includes('x')) checked++;
          }
          return 1;
        },
      },
    });
    expect(exported(instance, 'f').call(0)).toBe(1);
    // adjacent regions with equal permissions may show as one line
    expect(checked).toBeGreaterThan(0);
  });

  it('refuses a mutable global of another engine and copies an immutable one', async () => {
    const { interpEngine } = await import('../../../loader/interp/index.js');
    const wat = '(module (import "env" "g" (global (mut i32))) (func $f (export "f") unreachable))';
    expect(() => handInstance(wat, { f: () => undefined }, { env: { g: interpEngine.host.global({ type: 0x7f, mutable: true }, 1) } })).toThrow(
      /cannot link a global it did not create/,
    );
    const wat2 = '(module (import "env" "g" (global i32)) (func $f (export "f") (result i32) unreachable))';
    const { instance } = handInstance(wat2, { f: (f) => f.e({ kind: 'mov', w: 64, dst: RAX, src: { kind: 'mem', base: RDI, index: null, scale: 1, disp: f.layout.globals[0]?.offset ?? 0 } }).e({ kind: 'mov', w: 32, dst: RAX, src: { kind: 'mem', base: RAX, index: null, scale: 1, disp: 0 } }) }, {
      env: { g: interpEngine.host.global({ type: 0x7f, mutable: false }, 1234) },
    });
    expect(exported(instance, 'f').call()).toBe(1234);
  });
});

function wt(t: number): string {
  return { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x70: 'funcref', 0x6f: 'externref' }[t] as string;
}

/** code and vmctx of the module's first function import (its vmctx slot: an exit trampoline and a host context) */
function importSlot(instance: Instance, engine: NativeEngine): { code: number; vmctx: number } {
  const f = exported(instance, 'f') as NativeFunc;
  const dv = new DataView(engine.backend.runtime().koffi.view(f.vmctx, 64) as ArrayBuffer);
  const word = (o: number): number => dv.getUint32(o, true) + dv.getUint32(o + 4, true) * 2 ** 32;
  // the first import slot follows the header (32 bytes; no tables)
  return { code: word(32), vmctx: word(40) };
}
