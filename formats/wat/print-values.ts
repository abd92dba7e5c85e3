/**
 * Values of the WAT printer (spec §6.3): float literals that parse back to the same bits,
 * quoted strings, identifiers and vector constants. Every function here is the inverse of
 * a reader in lexer.ts / numbers.ts / instr.ts, so parse(print(x)) = x bit for bit.
 *
 * Floats are printed as normalised hex floats (`0x1.8p+0`, `-0x1p-149`, `0x0p+0`), `inf`,
 * `nan` (the canonical NaN) or `nan:0x…` (any other payload), each with its sign. A hex
 * float with at most 24 (f32) or 53 (f64) significant bits is exact, so no rounding is
 * involved in either direction.
 */

/** IEEE binary interchange format: stored mantissa bits and exponent bits */
interface FloatFormat {
  readonly mant: number;
  readonly exp: number;
}
const F32: FloatFormat = { mant: 23, exp: 8 };
const F64: FloatFormat = { mant: 52, exp: 11 };

const bitLength = (x: bigint): number => x.toString(2).length;

/** hex digits of a fraction of `width` bits (left-aligned to whole digits), trailing zeros dropped */
function fractionDigits(frac: bigint, width: number): string {
  if (frac === 0n) return '';
  const pad = (4 - (width % 4)) % 4;
  const digits = (frac << BigInt(pad)).toString(16).padStart((width + pad) / 4, '0');
  return '.' + digits.replace(/0+$/, '');
}

function floatText(bits: bigint, f: FloatFormat): string {
  const sign = (bits >> BigInt(f.mant + f.exp)) & 1n ? '-' : '';
  const expMax = (1n << BigInt(f.exp)) - 1n;
  const exp = Number((bits >> BigInt(f.mant)) & expMax);
  const mant = bits & ((1n << BigInt(f.mant)) - 1n);
  const bias = 2 ** (f.exp - 1) - 1;
  if (BigInt(exp) === expMax) {
    if (mant === 0n) return `${sign}inf`;
    return mant === 1n << BigInt(f.mant - 1) ? `${sign}nan` : `${sign}nan:0x${mant.toString(16)}`;
  }
  if (exp === 0 && mant === 0n) return `${sign}0x0p+0`;
  let e: number;
  let frac: bigint;
  if (exp === 0) {
    // subnormal: normalise, so that the leading 1 is explicit
    const top = bitLength(mant) - 1;
    e = top + 1 - bias - f.mant;
    frac = (mant - (1n << BigInt(top))) << BigInt(f.mant - top);
  } else {
    e = exp - bias;
    frac = mant;
  }
  return `${sign}0x1${fractionDigits(frac, f.mant)}p${e < 0 ? '-' : '+'}${Math.abs(e)}`;
}

/** the literal of an f32 given its bit pattern (signed or unsigned 32-bit) */
export const f32Text = (bits: number): string => floatText(BigInt(bits >>> 0), F32);
/** the literal of an f64 given its bit pattern (signed or unsigned 64-bit bigint) */
export const f64Text = (bits: bigint): string => floatText(BigInt.asUintN(64, bits), F64);

const HEX = '0123456789abcdef';
/** escapes of the text format other than \hh (spec §6.3.3) */
const NAMED_ESCAPES: Readonly<Record<number, string>> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };

/** one byte of a string literal: printable ASCII as itself, the rest escaped */
function byteText(b: number): string {
  const named = NAMED_ESCAPES[b];
  if (named !== undefined) return named;
  if (b >= 0x20 && b < 0x7f) return String.fromCharCode(b);
  return '\\' + HEX[b >> 4] + HEX[b & 15];
}
const BYTE_TEXT: readonly string[] = Array.from({ length: 256 }, (_, b) => byteText(b));

/**
 * A quoted string literal of arbitrary bytes: printable ASCII stays readable, `"` and `\`
 * and tab/newline/return use their named escapes, every other byte (control characters,
 * DEL, and each byte of a non-ASCII or invalid UTF-8 sequence) is `\hh`.
 */
export function bytesLiteral(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '"';
  for (let i = start; i < end; i++) s += BYTE_TEXT[bytes[i] as number];
  return s + '"';
}

const utf8 = new TextEncoder();
/** a name (import/export names, the module name in comments) as a string literal of its UTF-8 bytes */
export const nameLiteral = (name: string): string => bytesLiteral(utf8.encode(name));

/** idchar (spec §6.3.5): the characters of a `$identifier` after the `$` */
const IDCHARS = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&'*+-./:<=>?@\\^_`|~");

/** can `name` be written as the identifier `$name`? */
export function isIdName(name: string): boolean {
  if (name.length === 0) return false;
  for (const ch of name) if (!IDCHARS.has(ch)) return false;
  return true;
}

/** v128.const immediate: the 16 bytes as four little-endian i32 lanes in hex */
export function v128Text(bytes: Uint8Array): string {
  const lanes: string[] = [];
  for (let i = 0; i < 16; i += 4) {
    const v = ((bytes[i] as number) | ((bytes[i + 1] as number) << 8) | ((bytes[i + 2] as number) << 16) | ((bytes[i + 3] as number) << 24)) >>> 0;
    lanes.push('0x' + v.toString(16).padStart(8, '0'));
  }
  return 'i32x4 ' + lanes.join(' ');
}
