/**
 * `--invoke` arguments and results: text ⇄ raw values (loader/api.ts convention).
 * i32/i64 accept decimal or 0x hex (signed or unsigned range); f32/f64 accept JS number
 * syntax plus inf/-inf/nan; results print as wasmtime does: one per line, integers signed
 * decimal, floats as shortest round-trip decimals, v128 as 16 hex bytes.
 */

import { KilnError } from '../../formats/errors.js';
import { ValType, valTypeName } from '../../formats/wasm/types.js';
import type { RawValue } from '../../loader/api.js';
import { f32FromBits, f32ToBits } from '../../formats/float-bits.js';


function parseFloatText(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === 'inf' || t === '+inf' || t === 'infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  if (t === 'nan') return NaN;
  const n = Number(t);
  if (t === '' || Number.isNaN(n)) throw new Error('not a number');
  return n;
}

function parseIntText(text: string, bits: 32 | 64): bigint {
  const t = text.trim();
  const neg = t.startsWith('-');
  const body = neg || t.startsWith('+') ? t.slice(1) : t;
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(body)) throw new Error('not an integer');
  const v = neg ? -BigInt(body) : BigInt(body);
  const lo = -(1n << BigInt(bits - 1));
  const hi = (1n << BigInt(bits)) - 1n;
  if (v < lo || v > hi) throw new Error(`out of range for i${bits}`);
  return BigInt.asIntN(bits, v);
}

const PARSERS: Readonly<Partial<Record<number, (t: string) => RawValue>>> = {
  [ValType.I32]: (t) => Number(parseIntText(t, 32)),
  [ValType.I64]: (t) => parseIntText(t, 64),
  [ValType.F32]: (t) => f32ToBits(parseFloatText(t)),
  [ValType.F64]: (t) => parseFloatText(t),
};

export function parseInvokeArgs(params: readonly ValType[], args: readonly string[]): RawValue[] {
  if (args.length !== params.length) {
    throw new KilnError('usage', `the function takes ${params.length} argument(s) (${params.map(valTypeName).join(', ')}), got ${args.length}`);
  }
  return params.map((t, i) => {
    const parse = PARSERS[t];
    if (parse === undefined) throw new KilnError('usage', `cannot pass a ${valTypeName(t)} argument from the command line`);
    try {
      return parse(args[i] ?? '');
    } catch (e) {
      throw new KilnError('usage', `argument ${i + 1} "${args[i]}" is not a valid ${valTypeName(t)}: ${(e as Error).message}`);
    }
  });
}

function formatFloat(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return Object.is(n, -0) ? '-0' : String(n);
}

function formatValue(t: ValType, v: RawValue): string {
  switch (t) {
    case ValType.I32:
    case ValType.I64:
      return String(v);
    case ValType.F32:
      return formatFloat(f32FromBits(v as number));
    case ValType.F64:
      return formatFloat(v as number);
    case ValType.V128:
      return Array.from(v as Uint8Array, (b) => b.toString(16).padStart(2, '0')).join(' ');
    default:
      return v === null ? 'null' : t === ValType.FuncRef ? 'funcref' : 'externref';
  }
}

export function formatResults(types: readonly ValType[], values: readonly RawValue[]): string {
  return types.map((t, i) => formatValue(t, values[i] ?? null)).join('\n');
}
