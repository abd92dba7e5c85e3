/**
 * Explicit trap checks before the trapping numeric rows (spec §4.3.2 `idiv`, `irem`, `trunc`),
 * with the interpreter's wording through the IR trap codes:
 * - division and remainder: `trapz y, int_divz` (i64: `trapnz (eqz.i64 y), int_divz`); signed division also traps "integer overflow"
 *   for MIN / -1 (`icmp eq x, MIN` and `icmp eq y, -1`, `band`, `trapnz`). Signed remainder of
 *   MIN by -1 is 0 in wasm and gets no overflow check (a lowering to x86 `idiv` must handle it).
 * - float to int truncation: `fcmp ne x, x` → `trapnz bad_toint` (NaN), then
 *   `lo < x && x < hi` → `trapz int_ovf`, with the exclusive bounds below: the largest float
 *   below the target's minimum and the smallest float above its maximum, so the truncated value
 *   is representable exactly when both comparisons hold.
 * The rows keep their trap flags; after these checks they cannot trap, which a pass or a lowering
 * may rely on.
 */

import { FloatCC, IntCC } from '../ir/conds.js';
import { op } from '../ir/opcodes.js';
import { TrapCode } from '../ir/traps.js';
import { Type } from '../ir/types.js';
import type { Translator } from './translator.js';

const TRAPZ = op('trapz');
const TRAPNZ = op('trapnz');
const BAND = op('band.i32');

/** bounds as [lo, hi] numbers; converted to bit patterns once */
const f32bits = (x: number): number => {
  const a = new Float32Array([x]);
  return new Int32Array(a.buffer)[0] as number;
};
const f64bits = (x: number): bigint => new BigUint64Array(new Float64Array([x]).buffer)[0] as bigint;

interface Bounds {
  lo: number;
  hi: number;
}
/** [to][signed][from]: exclusive bounds (spec: trunc is defined iff the result is representable) */
const BOUNDS: Record<string, Bounds> = {
  'i32.s.f32': { lo: -2147483904, hi: 2147483648 },
  'i32.s.f64': { lo: -2147483649, hi: 2147483648 },
  'i32.u.f32': { lo: -1, hi: 4294967296 },
  'i32.u.f64': { lo: -1, hi: 4294967296 },
  'i64.s.f32': { lo: -9223373136366403584, hi: 9223372036854775808 },
  'i64.s.f64': { lo: -9223372036854777856, hi: 9223372036854775808 },
  'i64.u.f32': { lo: -1, hi: 18446744073709551616 },
  'i64.u.f64': { lo: -1, hi: 18446744073709551616 },
};
interface BoundBits {
  lo32: number;
  hi32: number;
  lo64: bigint;
  hi64: bigint;
}
const BITS = new Map<string, BoundBits>();
for (const [k, { lo, hi }] of Object.entries(BOUNDS)) {
  BITS.set(k, { lo32: f32bits(lo), hi32: f32bits(hi), lo64: f64bits(lo), hi64: f64bits(hi) });
}
const KEYS: string[][][] = [0, 1].map((to) =>
  [0, 1].map((s) => [2, 3].map((from) => `${to === 0 ? 'i32' : 'i64'}.${s === 1 ? 's' : 'u'}.${from === 2 ? 'f32' : 'f64'}`)),
);

export function divCheck(t: Translator, ty: Type, base: string, x: number, y: number): void {
  const b = t.b;
  if (ty === Type.I32) b.emit(TRAPZ, 1, y, 0, 0, TrapCode.IntegerDivideByZero);
  else b.emit(TRAPNZ, 1, b.unary('eqz', ty, y), 0, 0, TrapCode.IntegerDivideByZero);
  if (base !== 'sdiv') return;
  const min = ty === Type.I32 ? b.iconst(ty, -0x8000_0000) : b.iconst(ty, -(2n ** 63n));
  const isMin = b.icmp(IntCC.eq, ty, x, min);
  const isNeg1 = b.icmp(IntCC.eq, ty, y, b.iconst(ty, -1));
  b.emit(TRAPNZ, 1, t.f.result(b.emit(BAND, 2, isMin, isNeg1, 0), 0), 0, 0, TrapCode.IntegerOverflow);
}

export function truncCheck(t: Translator, to: Type, from: Type, signed: boolean, x: number): void {
  const b = t.b;
  b.emit(TRAPNZ, 1, b.fcmp(FloatCC.ne, from, x, x), 0, 0, TrapCode.BadConversionToInteger);
  const key = ((KEYS[to === Type.I32 ? 0 : 1] as string[][])[signed ? 1 : 0] as string[])[from === Type.F32 ? 0 : 1] as string;
  const bits = BITS.get(key) as BoundBits;
  const lo = from === Type.F32 ? b.fconst32(bits.lo32) : b.fconst64(bits.lo64);
  const hi = from === Type.F32 ? b.fconst32(bits.hi32) : b.fconst64(bits.hi64);
  const above = b.fcmp(FloatCC.gt, from, x, lo);
  const below = b.fcmp(FloatCC.lt, from, x, hi);
  b.emit(TRAPZ, 1, t.f.result(b.emit(BAND, 2, above, below, 0), 0), 0, 0, TrapCode.IntegerOverflow);
}
