/**
 * Scratch lane views shared by every SIMD-128 implementation (spec §4.3.2 "vector lanes":
 * a v128 is 16 bytes, lane 0 at the lowest address, little-endian lanes).
 *
 * Operands are copied into the fixed slots A/B/C, a result is built in R and handed out as a
 * fresh `Uint8Array` copy, so no typed-array view is allocated per call. Host byte order is
 * checked once: the views are only correct on a little-endian machine (every Node target).
 */

export type NumLanes =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;
export type BigLanes = BigInt64Array | BigUint64Array;

/** One 16-byte slot seen through every lane interpretation. */
export interface Slot {
  readonly u8: Uint8Array;
  readonly i8: Int8Array;
  readonly u16: Uint16Array;
  readonly i16: Int16Array;
  readonly u32: Uint32Array;
  readonly i32: Int32Array;
  readonly u64: BigUint64Array;
  readonly i64: BigInt64Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
}

/** Names of the number-valued views of a slot. */
export type NumView = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'f32' | 'f64';
/** Names of the bigint-valued views of a slot. */
export type BigView = 'u64' | 'i64';

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new Error('kiln SIMD: a little-endian host is required');
}

const shared = new ArrayBuffer(64);
function slot(index: number): Slot {
  const o = index * 16;
  return {
    u8: new Uint8Array(shared, o, 16),
    i8: new Int8Array(shared, o, 16),
    u16: new Uint16Array(shared, o, 8),
    i16: new Int16Array(shared, o, 8),
    u32: new Uint32Array(shared, o, 4),
    i32: new Int32Array(shared, o, 4),
    u64: new BigUint64Array(shared, o, 2),
    i64: new BigInt64Array(shared, o, 2),
    f32: new Float32Array(shared, o, 4),
    f64: new Float64Array(shared, o, 2),
  };
}

/** first operand */
export const A: Slot = slot(0);
/** second operand */
export const B: Slot = slot(1);
/** third operand (bitselect mask) */
export const C: Slot = slot(2);
/** result under construction */
export const R: Slot = slot(3);

/** a fresh copy of the result slot (the typed-array constructor copies far faster than slice) */
export function result(): Uint8Array {
  return new Uint8Array(R.u8);
}

/** copy a v128 operand into a slot (a byte loop beats TypedArray#set for 16 bytes) */
export function load(slot: Slot, v: Uint8Array): void {
  const d = slot.u8;
  for (let i = 0; i < 16; i++) d[i] = v[i] as number;
}

/** lane count of a view name */
export function laneCount(view: NumView | BigView): number {
  return 16 / A[view].BYTES_PER_ELEMENT;
}

/** The canonical f32 NaN bit pattern (spec §4.3.3 "canonical NaN"). */
export const F32_CANONICAL_NAN = 0x7fc00000;

/**
 * Store a float result into lane `i` of `out`; a NaN becomes the canonical NaN, which the spec
 * (§4.3.3, nans{…}) always permits and which keeps results independent of the host's NaN bits.
 */
export function putF32(out: Slot, i: number, x: number): void {
  if (x !== x) out.i32[i] = F32_CANONICAL_NAN;
  else out.f32[i] = x;
}
export function putF64(out: Slot, i: number, x: number): void {
  if (x !== x) {
    out.i32[2 * i] = 0;
    out.i32[2 * i + 1] = 0x7ff80000;
  } else out.f64[i] = x;
}

/** store an exact integer (|v| <= 2^53) into 64-bit lane i as two 32-bit halves, no bigint */
export function putI64(out: Slot, i: number, v: number): void {
  out.u32[2 * i] = v >>> 0;
  out.i32[2 * i + 1] = Math.floor(v / 4294967296);
}
