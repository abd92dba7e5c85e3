/**
 * `--invoke` arguments and results: text ⇄ raw values (loader/api.ts convention).
 * Arguments use the text format's number syntax, parsed by the WAT parser's own literal code
 * (formats/wat/numbers.ts): integers in decimal or 0x hex, signed or unsigned range, `_`
 * between digits; floats in decimal or hex (`0x1p-149`), `inf`, `nan`, `nan:0x…`, each with
 * an optional sign. Results print one per line: integers as signed decimal, floats as
 * shortest round-trip decimals, `inf`, or NaN as the text format writes it (sign, then `nan`
 * for the canonical NaN, else `nan:0x<payload>`), v128 as 16 hex bytes.
 */

import { KilnError } from '../../formats/errors.js';
import { ValType, valTypeName } from '../../formats/wasm/types.js';
import type { RawValue } from '../../loader/api.js';
import { f32FromBits, f64FromBits, f64ToBits } from '../../formats/float-bits.js';
import { LiteralError, parseF32, parseF64, parseI32, parseI64 } from '../../formats/wat/numbers.js';

/** the literal parsers' own wording, or a plain one where theirs speaks of operators */
function literal<T>(parse: (text: string) => T, what: string): (text: string) => T {
  return (text) => {
    try {
      return parse(text);
    } catch (e) {
      if (!(e instanceof LiteralError)) throw e;
      throw new Error(e.message.startsWith('unknown operator') ? what : e.message);
    }
  };
}

const PARSERS: Readonly<Partial<Record<number, (t: string) => RawValue>>> = {
  [ValType.I32]: literal(parseI32, 'not an integer'),
  [ValType.I64]: literal(parseI64, 'not an integer'),
  [ValType.F32]: literal((t) => parseF32(t) | 0, 'not a number'),
  [ValType.F64]: literal((t) => f64FromBits(parseF64(t)), 'not a number'),
};

export function parseInvokeArgs(params: readonly ValType[], args: readonly string[]): RawValue[] {
  if (args.length !== params.length) {
    throw new KilnError('usage', `the function takes ${params.length} argument(s) (${params.map(valTypeName).join(', ')}), got ${args.length}`);
  }
  // a generic array from the start: V8 quiets signalling NaNs stored into double arrays
  const values = new Array<RawValue>(params.length).fill(null);
  params.forEach((t, i) => {
    const parse = PARSERS[t];
    if (parse === undefined) throw new KilnError('usage', `cannot pass a ${valTypeName(t)} argument from the command line`);
    try {
      values[i] = parse(args[i] ?? '');
    } catch (e) {
      throw new KilnError('usage', `argument ${i + 1} "${args[i]}" is not a valid ${valTypeName(t)}: ${(e as Error).message}`);
    }
  });
  return values;
}

/** NaN as the text format writes it; `payload` excludes the sign and exponent */
function nanText(negative: boolean, payload: bigint, canonical: bigint): string {
  return `${negative ? '-' : ''}nan${payload === canonical ? '' : `:0x${payload.toString(16)}`}`;
}

function formatFloat(n: number): string {
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return Object.is(n, -0) ? '-0' : String(n);
}

function formatF32(bits: number): string {
  const n = f32FromBits(bits);
  return Number.isNaN(n) ? nanText(bits < 0, BigInt(bits & 0x7fffff), 0x400000n) : formatFloat(n);
}

function formatF64(n: number): string {
  if (!Number.isNaN(n)) return formatFloat(n);
  const bits = f64ToBits(n);
  return nanText(bits < 0n, BigInt.asUintN(52, bits), 1n << 51n);
}

function formatValue(t: ValType, v: RawValue): string {
  switch (t) {
    case ValType.I32:
    case ValType.I64:
      return String(v);
    case ValType.F32:
      return formatF32(v as number);
    case ValType.F64:
      return formatF64(v as number);
    case ValType.V128:
      return Array.from(v as Uint8Array, (b) => b.toString(16).padStart(2, '0')).join(' ');
    default:
      return v === null ? 'null' : t === ValType.FuncRef ? 'funcref' : 'externref';
  }
}

export function formatResults(types: readonly ValType[], values: readonly RawValue[]): string {
  return types.map((t, i) => formatValue(t, values[i] ?? null)).join('\n');
}
