/**
 * Comparing and printing v128 values of differential runs (raw convention of loader/api.ts:
 * 16 bytes, lane 0 first). A v128 carries no lane type, so two values agree when their bytes
 * are equal, or when they are equal as f32x4 or as f64x2 lanes with any NaN lane matching any
 * NaN lane — the rule compare.ts applies to scalar floats (NaN payloads are nondeterministic,
 * spec §4.3.3). The leniency can only hide a difference between two lanes that both have NaN
 * bit patterns; the generator canonicalises float NaNs where they are made (simd-body.ts), so
 * in the differential runs it never needs to apply.
 */

import { isNanF32Bits, isNanF64Bits } from './values.js';

const dv = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** equal as four f32 lanes, NaN matching NaN */
function sameF32x4(a: DataView, b: DataView): boolean {
  for (let at = 0; at < 16; at += 4) {
    const x = a.getUint32(at, true);
    const y = b.getUint32(at, true);
    if (x !== y && !(isNanF32Bits(x) && isNanF32Bits(y))) return false;
  }
  return true;
}
/** equal as two f64 lanes, NaN matching NaN */
function sameF64x2(a: DataView, b: DataView): boolean {
  for (let at = 0; at < 16; at += 8) {
    const x = a.getBigUint64(at, true);
    const y = b.getBigUint64(at, true);
    if (x !== y && !(isNanF64Bits(x) && isNanF64Bits(y))) return false;
  }
  return true;
}

/** two raw v128 values agree (bytes, or float lanes of one shape with NaN matching NaN) */
export function sameV128(a: Uint8Array, b: Uint8Array): boolean {
  if (sameBytes(a, b)) return true;
  if (a.length !== 16 || b.length !== 16) return false;
  return sameF32x4(dv(a), dv(b)) || sameF64x2(dv(a), dv(b));
}

/** `v128:i32x4[0x… 0x… 0x… 0x…]`, lanes as unsigned hex, lane 0 first */
export function showV128(v: Uint8Array): string {
  const d = dv(v);
  const lanes = [0, 4, 8, 12].map((at) => `0x${d.getUint32(at, true).toString(16).padStart(8, '0')}`);
  return `v128:i32x4[${lanes.join(' ')}]`;
}
