/**
 * Test support for the SIMD lowerings: a vector operation run on the native engine and on the
 * interpreter (the reference) with the same lane inputs, compared bit for bit.
 *
 * `opModule(op, shape)` wraps a wasm SIMD instruction in an exported function with a scalar
 * interface (exported functions cannot take or return v128 until the ABI carries it): the
 * operands arrive as i64 pairs (lane bytes little-endian: low half first), the result leaves
 * through memory (a v128 result is stored at address 0; a scalar one is returned). Each
 * operand kind:
 *   'v'  a v128 operand (two i64 params)      'i' an i32 operand      'l' an i64 operand
 *   'f'  an f32 operand (as its i32 bits)     'd' an f64 operand (as its i64 bits)
 * The result kind is one of the same letters, or '' for none.
 *
 * `checkOp` runs `cases` (each a list of operand values: a 16-byte Uint8Array for 'v',
 * numbers / bigints for the rest) on both engines and returns the mismatches as readable lines
 * (NaN lanes of f32x4 / f64x2 results match any NaN when `nanLanes` names the lane width).
 */

import { validateModule } from '../../compiler/validate/index.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import { parseWat } from '../../formats/wat/index.js';
import type { Module } from '../../formats/wasm/types.js';
import type { Engine, RawValue, WasmFunction, WasmMemory } from '../../loader/api.js';
import { instantiateModule } from '../../loader/instance/engine.js';
import { interpEngine } from '../../loader/interp/index.js';

export type OperandKind = 'v' | 'i' | 'l' | 'f' | 'd';
export type CaseValue = Uint8Array | number | bigint;

const PARAM_TYPES: Readonly<Record<OperandKind, string>> = { v: 'i64 i64', i: 'i32', l: 'i64', f: 'i32', d: 'i64' };

/** the WAT that rebuilds operand k (params from `p`) on the stack */
function operandWat(kind: OperandKind, p: number): string {
  switch (kind) {
    case 'v':
      return `(i64x2.replace_lane 1 (i64x2.splat (local.get ${p})) (local.get ${p + 1}))`;
    case 'f':
      return `(f32.reinterpret_i32 (local.get ${p}))`;
    case 'd':
      return `(f64.reinterpret_i64 (local.get ${p}))`;
    default:
      return `(local.get ${p})`;
  }
}

/** a module exporting `run`: `instr` (with its immediates, e.g. `i8x16.shuffle 0 1 ...`) on the operands */
export function opModule(instr: string, operands: readonly OperandKind[], result: OperandKind | ''): Module {
  const params = operands.map((k) => PARAM_TYPES[k]).join(' ');
  let p = 0;
  const args = operands.map((k) => {
    const w = operandWat(k, p);
    p += k === 'v' ? 2 : 1;
    return w;
  });
  const call = `(${instr} ${args.join(' ')})`;
  let body: string;
  let results = '';
  if (result === 'v') body = `(v128.store (i32.const 0) ${call})`;
  else if (result === 'f') {
    results = '(result i32)';
    body = `(i32.reinterpret_f32 ${call})`;
  } else if (result === 'd') {
    results = '(result i64)';
    body = `(i64.reinterpret_f64 ${call})`;
  } else if (result === '') body = call;
  else {
    results = `(result ${result === 'i' ? 'i32' : 'i64'})`;
    body = call;
  }
  const wat = `(module (memory (export "mem") 1) (func (export "run") ${params.length > 0 ? `(param ${params})` : ''} ${results} ${body}))`;
  const m = decodeModule(encodeModule(parseWat(wat)));
  validateModule(m);
  return m;
}

/** the i64 halves of 16 bytes (little-endian) */
function halves(b: Uint8Array): [bigint, bigint] {
  const dv = new DataView(b.buffer, b.byteOffset, 16);
  return [dv.getBigInt64(0, true), dv.getBigInt64(8, true)];
}

interface Runner {
  run(args: RawValue[]): string;
}

function runner(engine: Engine, m: Module, result: OperandKind | ''): Runner {
  const inst = instantiateModule(engine, m, {});
  const f = inst.exports['run'] as WasmFunction | undefined;
  const mem = inst.exports['mem'] as WasmMemory | undefined;
  if (f === undefined || f.kind !== 'func' || mem === undefined) throw new Error('opModule: no run / mem export');
  return {
    run(args: RawValue[]): string {
      let out: RawValue[];
      try {
        out = f.callRaw(args);
      } catch (e) {
        return `trap: ${(e as Error).message}`;
      }
      if (result === 'v') return hex(mem.bytes().slice(0, 16));
      return out.map((v) => String(v)).join(',');
    },
  };
}

/** bytes as hex, lane 0 first */
export function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** the raw call arguments of one case */
function rawArgs(kinds: readonly OperandKind[], values: readonly CaseValue[]): RawValue[] {
  const out: RawValue[] = [];
  kinds.forEach((k, i) => {
    const v = values[i];
    if (k === 'v') out.push(...halves(v as Uint8Array));
    else if (k === 'l' || k === 'd') out.push(BigInt.asIntN(64, BigInt(v as bigint | number)));
    else out.push(Number(v) | 0);
  });
  return out;
}

/** two v128 results (hex) equal, with NaN lanes of `nanLanes` bytes (4 or 8) matching any NaN */
function sameVector(a: string, b: string, nanLanes: 0 | 4 | 8): boolean {
  if (a === b) return true;
  if (nanLanes === 0 || a.length !== 32 || b.length !== 32) return false;
  const w = nanLanes * 2;
  for (let k = 0; k < 32; k += w) {
    const x = a.slice(k, k + w);
    const y = b.slice(k, k + w);
    if (x !== y && !(isNanHex(x, nanLanes) && isNanHex(y, nanLanes))) return false;
  }
  return true;
}

/** is the little-endian hex of a float of `bytes` bytes a NaN? */
function isNanHex(h: string, bytes: 4 | 8): boolean {
  let bits = 0n;
  for (let k = bytes - 1; k >= 0; k--) bits = (bits << 8n) | BigInt(parseInt(h.slice(2 * k, 2 * k + 2), 16));
  const expBits = bytes === 4 ? 8n : 11n;
  const mant = bytes === 4 ? 23n : 52n;
  const exp = (bits >> mant) & ((1n << expBits) - 1n);
  return exp === (1n << expBits) - 1n && (bits & ((1n << mant) - 1n)) !== 0n;
}

export interface OpSpec {
  /** the instruction with its immediates */
  readonly instr: string;
  readonly operands: readonly OperandKind[];
  readonly result: OperandKind | '';
  /** float results: NaN lanes of this many bytes match any NaN */
  readonly nanLanes?: 0 | 4 | 8;
}

/** run `cases` on `native` and on the interpreter; the mismatches, one line each */
export function checkOp(native: Engine, spec: OpSpec, cases: readonly (readonly CaseValue[])[]): string[] {
  const m = opModule(spec.instr, spec.operands, spec.result);
  const a = runner(native, m, spec.result);
  const b = runner(interpEngine, m, spec.result);
  const out: string[] = [];
  for (const c of cases) {
    const args = rawArgs(spec.operands, c);
    const x = a.run(args);
    const y = b.run(args);
    const same = spec.result === 'v' ? sameVector(x, y, spec.nanLanes ?? 0) : x === y;
    if (!same) out.push(`${spec.instr}(${c.map((v) => (v instanceof Uint8Array ? hex(v) : String(v))).join(', ')}): native ${x}, interp ${y}`);
  }
  return out;
}

/** deterministic pseudo-random bytes (xorshift32) */
export function randomBytes(seed: number, n: number): Uint8Array {
  let s = seed >>> 0 || 1;
  const out = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[k] = s & 0xff;
  }
  return out;
}

/**
 * Interesting v128 operands for lanes of `laneBytes` bytes: zeros, ones, each lane's minimum,
 * maximum and boundary values, float specials (for 4 and 8: ±0, ±inf, NaNs with payloads,
 * denormals, ±1.5, 2^31, 2^32), and `random` random vectors.
 */
export function vectors(laneBytes: 1 | 2 | 4 | 8, random = 64): Uint8Array[] {
  const lanes = 16 / laneBytes;
  const fill = (vals: readonly bigint[]): Uint8Array => {
    const b = new Uint8Array(16);
    for (let l = 0; l < lanes; l++) {
      let x = BigInt.asUintN(8 * laneBytes, vals[l % vals.length] as bigint);
      for (let k = 0; k < laneBytes; k++, x >>= 8n) b[l * laneBytes + k] = Number(x & 0xffn);
    }
    return b;
  };
  const bits = BigInt(8 * laneBytes);
  const min = -(1n << (bits - 1n));
  const max = (1n << (bits - 1n)) - 1n;
  const ints = [0n, 1n, -1n, min, max, min + 1n, max - 1n, 2n, 0x55n, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n];
  const out: Uint8Array[] = [fill([0n]), fill([-1n]), fill(ints), fill(ints.slice(3)), fill([...ints].reverse())];
  if (laneBytes === 4) {
    const f32 = [0x00000000n, 0x80000000n, 0x7f800000n, 0xff800000n, 0x7fc00000n, 0xffc00001n, 0x7fa00005n, 0x00000001n, 0x807fffffn, 0x3fc00000n, 0xbfc00000n, 0x4f000000n, 0x4f800000n, 0xcf000000n, 0x3f000000n, 0x40200000n];
    for (let k = 0; k < f32.length; k += 4) out.push(fill(f32.slice(k, k + 4)), fill([...f32.slice(k, k + 4)].reverse()));
  }
  if (laneBytes === 8) {
    const f64 = [0n, 0x8000000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0xfff8000000000001n, 0x7ff4000000000005n, 1n, 0x3ff8000000000000n, 0xbff8000000000000n, 0x41e0000000000000n, 0x41f0000000000000n, 0xc1e0000000200000n, 0x3fe0000000000000n];
    for (let k = 0; k < f64.length; k += 2) out.push(fill(f64.slice(k, k + 2)), fill([...f64.slice(k, k + 2)].reverse()));
  }
  for (let r = 0; r < random; r++) out.push(randomBytes(0x9e3779b9 ^ (r * 7919 + laneBytes), 16));
  return out;
}

/** every pair of `xs` with every one of `ys` (for binary operations; limit keeps tests short) */
export function pairs(xs: readonly Uint8Array[], ys: readonly Uint8Array[], limit = 4000): CaseValue[][] {
  const out: CaseValue[][] = [];
  for (const x of xs) for (const y of ys) if (out.length < limit) out.push([x, y]);
  return out;
}
