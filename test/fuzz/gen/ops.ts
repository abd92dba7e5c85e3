/**
 * The operator menus of the generator, derived from the one opcode table
 * (formats/wasm/opcodes.ts): numeric operators by result type (spec §2.4.1, including the
 * conversions, sign extensions and saturating truncations), loads and stores by value type
 * (§2.4.6), filtered by the generator's options.
 */

import { OPCODES, opByName, type OpInfo } from '../../../formats/wasm/opcodes.js';
import { ValType } from '../../../formats/wasm/types.js';
import type { GenOptions } from './options.js';

export interface OpMenus {
  /** numeric operators (fixed signature, no immediates) by result type */
  numeric: Map<ValType, OpInfo[]>;
  /** loads by result type */
  loads: Map<ValType, OpInfo[]>;
  /** stores by stored value type */
  stores: Map<ValType, OpInfo[]>;
}

const TRAPPING_TRUNC = /^i(32|64)\.trunc_f(32|64)_[su]$/;
export const isDivRem = (name: string): boolean => /^i(32|64)\.(div|rem)_[su]$/.test(name);
export const isTrappingTrunc = (name: string): boolean => TRAPPING_TRUNC.test(name);
/** operators whose operand's NaN bits become visible in the result (see GenFeatures.nanCanon) */
export const isReinterpretFromFloat = (name: string): boolean => name === 'i32.reinterpret_f32' || name === 'i64.reinterpret_f64';

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const xs = m.get(k);
  if (xs === undefined) m.set(k, [v]);
  else xs.push(v);
}

/** Value types the generator may compute with: the option's types plus i32 (conditions, addresses). */
export function exprTypes(o: GenOptions): ValType[] {
  return o.types.includes(ValType.I32) ? [...o.types] : [ValType.I32, ...o.types];
}

export function buildMenus(o: GenOptions): OpMenus {
  const allowed = new Set(exprTypes(o));
  const f = o.features;
  const numeric = new Map<ValType, OpInfo[]>();
  const loads = new Map<ValType, OpInfo[]>();
  const stores = new Map<ValType, OpInfo[]>();
  for (const op of OPCODES) {
    if (op.prefix === 0xfd || op.params === null || op.results === null) continue;
    if (!op.params.every((t) => allowed.has(t)) || !op.results.every((t) => allowed.has(t))) continue;
    if (op.imm === 'memarg') {
      if (!f.memory) continue;
      if (op.results.length === 1) push(loads, op.results[0]!, op);
      else push(stores, op.params[1]!, op);
      continue;
    }
    if (op.imm !== 'none' || op.results.length !== 1 || op.params.length === 0) continue;
    if (!f.saturating && op.name.includes('trunc_sat')) continue;
    if (!f.signExt && /extend(8|16|32)_s$/.test(op.name)) continue;
    if (!f.traps && isTrappingTrunc(op.name)) continue;
    push(numeric, op.results[0]!, op);
  }
  return { numeric, loads, stores };
}

/** ids used when building instructions by hand */
export const ID = {
  i32_add: opByName('i32.add')!.id,
  i32_sub: opByName('i32.sub')!.id,
  i32_and: opByName('i32.and')!.id,
  i32_shl: opByName('i32.shl')!.id,
  i32_or: opByName('i32.or')!.id,
  i32_eqz: opByName('i32.eqz')!.id,
  i64_and: opByName('i64.and')!.id,
  i64_or: opByName('i64.or')!.id,
  f32_eq: opByName('f32.eq')!.id,
  f64_eq: opByName('f64.eq')!.id,
  memory_fill: opByName('memory.fill')!.id,
  memory_copy: opByName('memory.copy')!.id,
  memory_init: opByName('memory.init')!.id,
  data_drop: opByName('data.drop')!.id,
  table_copy: opByName('table.copy')!.id,
  table_init: opByName('table.init')!.id,
  elem_drop: opByName('elem.drop')!.id,
  f32_copysign: opByName('f32.copysign')!.id,
  f64_copysign: opByName('f64.copysign')!.id,
} as const;
