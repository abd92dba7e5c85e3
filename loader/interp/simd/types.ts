/**
 * Call shapes of the SIMD-128 implementations in SIMD_OPS (raw value convention of
 * loader/api.ts: v128 = 16-byte Uint8Array, i32 = number, i64 = bigint, f32 = int32 bit
 * pattern, f64 = number).
 */

export type V128 = Uint8Array;

/** any SIMD implementation; callers cast to the shape the opcode's signature implies */
export type SimdImpl = (...args: never[]) => unknown;

/** (v) → v128 | i32 */
export type SimdUnary = (a: V128) => V128 | number;
/** (a, b) → v128 */
export type SimdBinary = (a: V128, b: V128) => V128;
/** (a, b, mask) → v128 */
export type SimdTernary = (a: V128, b: V128, c: V128) => V128;
/** (v, count) → v128 */
export type SimdShift = (v: V128, count: number) => V128;
/** splat: (scalar) → v128 */
export type SimdSplat = (x: number | bigint) => V128;
/** extract_lane: (v, lane) → scalar */
export type SimdExtract = (v: V128, lane: number) => number | bigint;
/** replace_lane: (v, scalar, lane) → v128 */
export type SimdReplace = (v: V128, x: number | bigint, lane: number) => V128;
/** shuffle: (a, b, 16 lane indices) → v128 */
export type SimdShuffle = (a: V128, b: V128, lanes: Uint8Array) => V128;
/** loads: (mem, ea) → v128; load_lane: (mem, ea, v, lane) → v128 */
export type SimdLoad = (mem: Uint8Array, ea: number, v?: V128, lane?: number) => V128;
/** stores: (mem, ea, v, lane?) → undefined */
export type SimdStore = (mem: Uint8Array, ea: number, v: V128, lane?: number) => void;
