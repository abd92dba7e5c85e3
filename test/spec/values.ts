/**
 * Spec-runner value handling: converting WAST script constants (formats/wat/script-types.ts)
 * to the engines' raw value convention (loader/api.ts), and matching raw results against
 * expected result patterns, following the spec interpreter's definitions (spec §4.3.3
 * "NaN propagation": a canonical NaN has payload 2^(signif-1) exactly, an arithmetic NaN
 * has the top payload bit set; both with either sign).
 */

import { f64FromBits as f64FromBitsExact, f64ToBits } from '../../formats/float-bits.js';
import type { ExternRef, RawValue } from '../../loader/api.js';
import type { LanePattern, NanKind, ResultPattern, ScriptValue } from '../../formats/wat/script-types.js';

/** f64 bit pattern (unsigned) → JS number carrying exactly those bits. */
export const f64FromBits = (bits: bigint): number => f64FromBitsExact(bits);

/** JS number → its f64 bit pattern (unsigned); NaN payloads kept (formats/float-bits.ts). */
export const f64Bits = (v: number): bigint => BigInt.asUintN(64, f64ToBits(v));

/**
 * One ExternRef object per `(ref.extern N)` number, per script, so that identity survives
 * a round trip through wasm.
 */
export class ExternRefs {
  private readonly refs = new Map<number, ExternRef>();
  get(n: number): ExternRef {
    let r = this.refs.get(n);
    if (r === undefined) {
      r = { externref: n };
      this.refs.set(n, r);
    }
    return r;
  }
}

/** A script constant as a raw argument. */
export function toRaw(v: ScriptValue, externs: ExternRefs): RawValue {
  switch (v.type) {
    case 'i32':
      return v.value | 0;
    case 'i64':
      return BigInt.asIntN(64, v.value);
    case 'f32':
      return v.bits | 0;
    case 'f64':
      return f64FromBits(v.bits);
    case 'v128':
      return new Uint8Array(v.bytes);
    case 'funcref':
      return null;
    case 'externref':
      return v.isNull ? null : externs.get(v.host);
  }
}

/**
 * Script arguments as a raw argument array. The array is created with generic elements: a
 * V8 array of doubles would quiet signalling NaNs (it canonicalises NaN on store), losing the
 * exact f64 bits the raw convention promises.
 */
export function rawArgs(args: readonly ScriptValue[], externs: ExternRefs): RawValue[] {
  const out: RawValue[] = [null];
  out.length = 0;
  for (const a of args) out.push(toRaw(a, externs));
  return out;
}

// ---- matching ----

const isNumber = (x: RawValue): x is number => typeof x === 'number';

function f32NanMatches(bits: number, nan: NanKind): boolean {
  const b = bits >>> 0;
  if (nan === 'canonical') return (b & 0x7fffffff) === 0x7fc00000;
  return (b & 0x7fc00000) === 0x7fc00000;
}

function f64NanMatches(bits: bigint, nan: NanKind): boolean {
  if (nan === 'canonical') return (bits & 0x7fffffffffffffffn) === 0x7ff8000000000000n;
  return (bits & 0x7ff8000000000000n) === 0x7ff8000000000000n;
}

/** Readable form of a raw value for failure messages. */
export function showRaw(v: RawValue): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return `NaN(f64 bits 0x${f64Bits(v).toString(16)})`;
    return Object.is(v, -0) ? '-0' : `${v}`;
  }
  if (v instanceof Uint8Array) return `v128 ${[...v].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`;
  if ('kind' in v && v.kind === 'func') return `funcref(${v.name})`;
  if ('externref' in v) return `externref(${String(v.externref)})`;
  return '<ref>';
}

/** Readable form of an expected pattern. */
export function showPattern(p: ResultPattern): string {
  switch (p.kind) {
    case 'nan':
      return `${p.type} nan:${p.nan}`;
    case 'ref_any':
      return `any non-null ${p.type}`;
    case 'v128':
      return `v128 ${p.shape} ${p.lanes
        .map((l) => (l.kind === 'nan' ? `nan:${l.nan}` : l.kind === 'int' ? `${l.value}` : `bits 0x${l.bits.toString(16)}`))
        .join(' ')}`;
    case 'value': {
      const v = p.value;
      switch (v.type) {
        case 'i32':
          return `i32 ${v.value | 0}`;
        case 'i64':
          return `i64 ${BigInt.asIntN(64, v.value)}`;
        case 'f32':
          return `f32 bits 0x${(v.bits >>> 0).toString(16)}`;
        case 'f64':
          return `f64 bits 0x${v.bits.toString(16)} (${f64FromBits(v.bits)})`;
        case 'v128':
          return `v128 ${[...v.bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`;
        case 'funcref':
          return 'ref.null func';
        case 'externref':
          return v.isNull ? 'ref.null extern' : `ref.extern ${v.host}`;
      }
    }
  }
}

function laneMatches(bytes: Uint8Array, shape: string, i: number, lane: LanePattern): boolean {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, 16);
  switch (shape) {
    case 'i8x16':
      return lane.kind === 'int' && dv.getUint8(i) === Number(BigInt.asUintN(8, lane.value));
    case 'i16x8':
      return lane.kind === 'int' && dv.getUint16(i * 2, true) === Number(BigInt.asUintN(16, lane.value));
    case 'i32x4':
      return lane.kind === 'int' && dv.getUint32(i * 4, true) === Number(BigInt.asUintN(32, lane.value));
    case 'i64x2':
      return lane.kind === 'int' && dv.getBigUint64(i * 8, true) === BigInt.asUintN(64, lane.value);
    case 'f32x4': {
      const bits = dv.getUint32(i * 4, true);
      if (lane.kind === 'nan') return f32NanMatches(bits, lane.nan);
      if (lane.kind === 'float') return bits === Number(BigInt.asUintN(32, lane.bits));
      return bits === Number(BigInt.asUintN(32, lane.value));
    }
    case 'f64x2': {
      const bits = dv.getBigUint64(i * 8, true);
      if (lane.kind === 'nan') return f64NanMatches(bits, lane.nan);
      if (lane.kind === 'float') return bits === BigInt.asUintN(64, lane.bits);
      return bits === BigInt.asUintN(64, lane.value);
    }
    default:
      return false;
  }
}

/** Whether one raw result matches one expected pattern. */
export function matches(actual: RawValue, p: ResultPattern, externs: ExternRefs): boolean {
  switch (p.kind) {
    case 'nan':
      if (!isNumber(actual)) return false;
      return p.type === 'f32' ? f32NanMatches(actual, p.nan) : f64NanMatches(f64Bits(actual), p.nan);
    case 'ref_any':
      if (actual === null || typeof actual !== 'object' || actual instanceof Uint8Array) return false;
      return p.type === 'funcref' ? 'kind' in actual && actual.kind === 'func' : !('kind' in actual);
    case 'v128': {
      if (!(actual instanceof Uint8Array) || actual.length !== 16) return false;
      for (let i = 0; i < p.lanes.length; i++) if (!laneMatches(actual, p.shape, i, p.lanes[i]!)) return false;
      return true;
    }
    case 'value': {
      const v = p.value;
      switch (v.type) {
        case 'i32':
          return isNumber(actual) && Number.isInteger(actual) && (actual | 0) === (v.value | 0) && actual === (actual | 0);
        case 'i64':
          return typeof actual === 'bigint' && BigInt.asIntN(64, actual) === BigInt.asIntN(64, v.value);
        case 'f32':
          return isNumber(actual) && Number.isInteger(actual) && actual >>> 0 === v.bits >>> 0;
        case 'f64':
          return isNumber(actual) && f64Bits(actual) === BigInt.asUintN(64, v.bits);
        case 'v128': {
          if (!(actual instanceof Uint8Array) || actual.length !== 16) return false;
          for (let i = 0; i < 16; i++) if (actual[i] !== v.bytes[i]) return false;
          return true;
        }
        case 'funcref':
          return actual === null;
        case 'externref':
          return v.isNull ? actual === null : actual === externs.get(v.host);
      }
    }
  }
}
