/**
 * Numeric literals of the text format (spec §6.3.1 integers, §6.3.2 floating point).
 *
 * Integers: optional sign, decimal or `0x` hex digits, `_` allowed between digits. An iN
 * literal accepts both the signed and the unsigned range (-2^(N-1) .. 2^N-1), as the
 * reference interpreter does; values are returned wrapped to the signed range.
 *
 * Floats: decimal and hex forms, `inf`, `nan`, `nan:0x…`. The exact value of the literal
 * is turned into a rational num/den with BigInts and rounded ONCE, to nearest with ties to
 * even, directly into the target format (no detour through f64 for f32: double rounding
 * would be wrong). A finite literal that rounds to infinity is "constant out of range".
 * Results are bit patterns: f32 as an unsigned number, f64 as an unsigned bigint.
 */

/** Thrown by the functions here; the parser turns it into a located KilnError. */
export class LiteralError extends Error {}

const DEC = /^[0-9](?:_?[0-9])*$/;
const HEX = /^[0-9a-fA-F](?:_?[0-9a-fA-F])*$/;

/** Split off a sign. */
function sign(text: string): [neg: boolean, hasSign: boolean, rest: string] {
  const c = text[0];
  if (c === '-') return [true, true, text.slice(1)];
  if (c === '+') return [false, true, text.slice(1)];
  return [false, false, text];
}

/** Parse an unsigned integer body (decimal or 0x hex); null when not an integer literal. */
function natBody(s: string): bigint | null {
  if (s.startsWith('0x')) {
    const h = s.slice(2);
    return HEX.test(h) ? BigInt('0x' + h.replace(/_/g, '')) : null;
  }
  return DEC.test(s) ? BigInt(s.replace(/_/g, '')) : null;
}

/** Is `text` an integer literal (any size)? */
export function isIntLiteral(text: string): boolean {
  return natBody(sign(text)[2]) !== null;
}

/** An unsigned literal (no sign) below 2^bits, e.g. an index, offset or limit. */
export function parseNat(text: string, bits = 32): number {
  const v = natBody(text);
  if (v === null) throw new LiteralError('unknown operator: malformed natural number');
  if (v >= 1n << BigInt(bits)) throw new LiteralError('constant out of range');
  return Number(v);
}

/** An iN literal (N ≤ 64) as a signed bigint. */
export function parseIntN(text: string, bits: number): bigint {
  const [neg, , body] = sign(text);
  const mag = natBody(body);
  if (mag === null) throw new LiteralError('unknown operator: malformed integer literal');
  const B = BigInt(bits);
  if (neg) {
    if (mag > 1n << (B - 1n)) throw new LiteralError('constant out of range');
    return BigInt.asIntN(bits, -mag);
  }
  if (mag >= 1n << B) throw new LiteralError('constant out of range');
  return BigInt.asIntN(bits, mag);
}

export function parseI32(text: string): number {
  const c = text.charCodeAt(0);
  // fast path: short plain decimal
  if (text.length < 10 && c >= 0x30 && c <= 0x39 && /^[0-9]+$/.test(text)) return Number(text) | 0;
  return Number(parseIntN(text, 32));
}
export function parseI64(text: string): bigint {
  return parseIntN(text, 64);
}

/** Binary floating-point format description. */
interface Fmt {
  /** significand bits including the implicit one (24 / 53) */
  p: number;
  /** exponent bias (127 / 1023); max biased exponent is 2*bias+1 */
  bias: number;
}
const F32: Fmt = { p: 24, bias: 127 };
const F64: Fmt = { p: 53, bias: 1023 };

const bitLen = (x: bigint): number => (x === 0n ? 0 : x.toString(2).length);

/**
 * Round num/den (> 0) to the nearest value of `fmt`, ties to even; returns the bits of the
 * positive result (without sign), or null when it rounds to infinity.
 */
function roundRational(num: bigint, den: bigint, fmt: Fmt): bigint | null {
  const p = fmt.p;
  // e: exponent with 2^e <= num/den < 2^(e+1)
  let e = bitLen(num) - bitLen(den);
  const ge = e >= 0 ? num >= den << BigInt(e) : num << BigInt(-e) >= den;
  if (!ge) e--;
  const minLsb = 1 - fmt.bias - (p - 1); // exponent of the lowest subnormal bit
  let lsb = Math.max(e - (p - 1), minLsb);
  // q = floor(num / den / 2^lsb)
  let n = num;
  let d = den;
  if (lsb >= 0) d <<= BigInt(lsb);
  else n <<= BigInt(-lsb);
  let q = n / d;
  const r2 = (n - q * d) * 2n;
  if (r2 > d || (r2 === d && (q & 1n) === 1n)) q++;
  if (q === 1n << BigInt(p)) {
    q >>= 1n;
    lsb++;
  }
  const hidden = 1n << BigInt(p - 1);
  if (q < hidden) return q; // subnormal (or zero)
  const biased = lsb + (p - 1) + fmt.bias;
  if (biased >= 2 * fmt.bias + 1) return null;
  return (BigInt(biased) << BigInt(p - 1)) | (q - hidden);
}

const DEC_FLOAT = /^([0-9](?:_?[0-9])*)(?:\.([0-9](?:_?[0-9])*)?)?(?:[eE]([+-]?[0-9](?:_?[0-9])*))?$/;
const HEX_FLOAT =
  /^0x([0-9a-fA-F](?:_?[0-9a-fA-F])*)(?:\.([0-9a-fA-F](?:_?[0-9a-fA-F])*)?)?(?:[pP]([+-]?[0-9](?:_?[0-9])*))?$/;
/** exponents beyond this are clamped: the value is then surely 0 or infinite in both formats */
const EXP_CLAMP = 100000;

function clampExp(s: string | undefined): number {
  if (s === undefined) return 0;
  const v = BigInt(s.replace(/_/g, ''));
  if (v > BigInt(EXP_CLAMP)) return EXP_CLAMP;
  if (v < BigInt(-EXP_CLAMP)) return -EXP_CLAMP;
  return Number(v);
}

/** Float literal → bits (as bigint) in `fmt`. */
function parseFloatBits(text: string, fmt: Fmt): bigint {
  const [neg, , body] = sign(text);
  const width = fmt.p === 24 ? 32 : 64;
  const signBit = neg ? 1n << BigInt(width - 1) : 0n;
  const expAll = BigInt(2 * fmt.bias + 1) << BigInt(fmt.p - 1);
  if (body === 'inf') return signBit | expAll;
  if (body === 'nan') return signBit | expAll | (1n << BigInt(fmt.p - 2));
  if (body.startsWith('nan:0x')) {
    const h = body.slice(6);
    if (!HEX.test(h)) throw new LiteralError('unknown operator: malformed float literal');
    const payload = BigInt('0x' + h.replace(/_/g, ''));
    if (payload === 0n || payload >= 1n << BigInt(fmt.p - 1)) throw new LiteralError('constant out of range');
    return signBit | expAll | payload;
  }
  let num: bigint;
  let den = 1n;
  const hm = HEX_FLOAT.exec(body);
  if (hm !== null) {
    const intPart = (hm[1] as string).replace(/_/g, '');
    const frac = (hm[2] ?? '').replace(/_/g, '');
    num = BigInt('0x' + intPart + frac);
    const e = clampExp(hm[3]) - 4 * frac.length;
    if (num === 0n) return signBit;
    if (num < 1n << 53n && e >= -1074 && e <= 1023) {
      // m·2^e with m < 2^53: one IEEE multiplication, correctly rounded
      const d = Number(num) * 2 ** e;
      if (fmt.p === 53 && d !== Infinity && d >= 2 ** -1022) return signBit | f64ToBits(d);
      if (fmt.p === 24 && d !== Infinity && d >= 2 ** -1022) {
        const f32 = f32FromDouble(d);
        if (f32 !== null) return signBit | BigInt(f32);
      }
    }
    if (e >= 0) num <<= BigInt(e);
    else den <<= BigInt(-e);
  } else {
    const dm = DEC_FLOAT.exec(body);
    if (dm === null) throw new LiteralError('unknown operator: malformed float literal');
    const intPart = (dm[1] as string).replace(/_/g, '');
    const frac = (dm[2] ?? '').replace(/_/g, '');
    num = BigInt(intPart + frac);
    if (num === 0n) return signBit;
    const e = clampExp(dm[3]) - frac.length;
    // V8's decimal → double conversion is correctly rounded
    const d = Number(`${intPart}.${frac === '' ? '0' : frac}e${clampExp(dm[3])}`);
    if (fmt.p === 53) {
      if (d === Infinity) throw new LiteralError('constant out of range');
      return signBit | f64ToBits(d);
    }
    const f32 = f32FromDouble(d);
    if (f32 !== null) return signBit | BigInt(f32);
    if (e >= 0) num *= 10n ** BigInt(e);
    else den = 10n ** BigInt(-e);
  }
  const bits = roundRational(num, den, fmt);
  if (bits === null) throw new LiteralError('constant out of range');
  return signBit | bits;
}

/**
 * f32 bits of the decimal whose correctly rounded double is d (d ≥ 0), or null when that
 * needs the exact path. Rounding twice (exact → f64 → f32) is only wrong when d lands
 * exactly on a midpoint between two f32 values: every f32 midpoint is a double, and
 * rounding is monotonic, so otherwise the exact value lies on the same side as d.
 */
function f32FromDouble(d: number): number | null {
  const f = Math.fround(d);
  if (f === d) return f32Bits(f);
  if (f === Infinity) return d === F32_OVERFLOW_MIDPOINT ? null : (() => {
    throw new LiteralError('constant out of range');
  })();
  const fb = f32Bits(f);
  f32buf.setUint32(0, d > f ? fb + 1 : fb - 1);
  const g = f32buf.getFloat32(0);
  return (f + g) / 2 === d ? null : fb;
}
const F32_OVERFLOW_MIDPOINT = 2 ** 128 - 2 ** 103;
const f32buf = new DataView(new ArrayBuffer(4));
function f32Bits(f: number): number {
  f32buf.setFloat32(0, f);
  return f32buf.getUint32(0);
}

const f64buf = new DataView(new ArrayBuffer(8));
function f64ToBits(v: number): bigint {
  f64buf.setFloat64(0, v);
  return f64buf.getBigUint64(0);
}

/** f32 literal → unsigned 32-bit pattern. */
export function parseF32(text: string): number {
  return Number(parseFloatBits(text, F32));
}
/** f64 literal → unsigned 64-bit pattern. */
export function parseF64(text: string): bigint {
  return parseFloatBits(text, F64);
}
