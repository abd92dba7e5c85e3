/**
 * i32 numeric instructions (spec §4.3.2 integer operations, §4.4.1 numeric instructions).
 * i32 values are JS int32 numbers. Each entry is an expression template for the code
 * generator: `$0`, `$1` are the operands (bottom first); helpers are named functions from
 * I32_HELPERS, bound in the generated code's scope.
 */

import { trap } from '../frames.js';

export function i32_div_s(a: number, b: number): number {
  if (b === 0) throw trap('integer divide by zero');
  if (a === -0x80000000 && b === -1) throw trap('integer overflow');
  return (a / b) | 0;
}
export function i32_div_u(a: number, b: number): number {
  if (b === 0) throw trap('integer divide by zero');
  return ((a >>> 0) / (b >>> 0)) | 0;
}
export function i32_rem_s(a: number, b: number): number {
  if (b === 0) throw trap('integer divide by zero');
  return a % b | 0;
}
export function i32_rem_u(a: number, b: number): number {
  if (b === 0) throw trap('integer divide by zero');
  return (a >>> 0) % (b >>> 0) | 0;
}
export function i32_ctz(a: number): number {
  return a === 0 ? 32 : 31 - Math.clz32(a & -a);
}
export function i32_popcnt(a: number): number {
  a = a - ((a >>> 1) & 0x55555555);
  a = (a & 0x33333333) + ((a >>> 2) & 0x33333333);
  a = (a + (a >>> 4)) & 0x0f0f0f0f;
  return Math.imul(a, 0x01010101) >>> 24;
}

export const I32_HELPERS = { i32_div_s, i32_div_u, i32_rem_s, i32_rem_u, i32_ctz, i32_popcnt };

const cmpU = (op: string): string => `($0 >>> 0) ${op} ($1 >>> 0) ? 1 : 0`;
const cmpS = (op: string): string => `$0 ${op} $1 ? 1 : 0`;

export const I32_TEMPLATES: Readonly<Record<string, string>> = {
  'i32.eqz': '$0 === 0 ? 1 : 0',
  'i32.eq': cmpS('==='),
  'i32.ne': cmpS('!=='),
  'i32.lt_s': cmpS('<'),
  'i32.lt_u': cmpU('<'),
  'i32.gt_s': cmpS('>'),
  'i32.gt_u': cmpU('>'),
  'i32.le_s': cmpS('<='),
  'i32.le_u': cmpU('<='),
  'i32.ge_s': cmpS('>='),
  'i32.ge_u': cmpU('>='),
  'i32.clz': 'Math.clz32($0)',
  'i32.ctz': 'i32_ctz($0)',
  'i32.popcnt': 'i32_popcnt($0)',
  'i32.add': '($0 + $1) | 0',
  'i32.sub': '($0 - $1) | 0',
  'i32.mul': 'Math.imul($0, $1)',
  'i32.div_s': 'i32_div_s($0, $1)',
  'i32.div_u': 'i32_div_u($0, $1)',
  'i32.rem_s': 'i32_rem_s($0, $1)',
  'i32.rem_u': 'i32_rem_u($0, $1)',
  'i32.and': '$0 & $1',
  'i32.or': '$0 | $1',
  'i32.xor': '$0 ^ $1',
  'i32.shl': '$0 << $1',
  'i32.shr_s': '$0 >> $1',
  'i32.shr_u': '($0 >>> $1) | 0',
  'i32.rotl': '($0 << $1) | ($0 >>> (32 - $1))',
  'i32.rotr': '($0 >>> $1) | ($0 << (32 - $1))',
  'i32.extend8_s': '($0 << 24) >> 24',
  'i32.extend16_s': '($0 << 16) >> 16',
};
