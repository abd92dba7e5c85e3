/**
 * Trap codes of the IR. The eleven kinds are the spec testsuite's wording, TRAP_KINDS of
 * formats/traps.ts, which the engines' KilnTrap uses too, in the same order. Each code also has a short text name for IR text
 * (`trap int_divz`). Instruction rows carry a bit mask of the codes they may raise.
 */

import { TRAP_KINDS } from '../../formats/traps.js';

export const TrapCode = {
  Unreachable: 0,
  HeapOutOfBounds: 1,
  TableOutOfBounds: 2,
  UndefinedElement: 3,
  UninitializedElement: 4,
  BadSignature: 5,
  IntegerDivideByZero: 6,
  IntegerOverflow: 7,
  BadConversionToInteger: 8,
  StackOverflow: 9,
  Interrupted: 10,
} as const;
export type TrapCode = (typeof TrapCode)[keyof typeof TrapCode];

/** the spec's wording, indexed by TrapCode */
export const TRAP_MESSAGES: readonly string[] = TRAP_KINDS;

/** IR text names, indexed by TrapCode */
export const TRAP_NAMES: readonly string[] = [
  'unreachable',
  'heap_oob',
  'table_oob',
  'undefined_element',
  'uninitialized_element',
  'bad_signature',
  'int_divz',
  'int_ovf',
  'bad_toint',
  'stack_overflow',
  'interrupted',
];

export const TRAP_CODE_COUNT = TRAP_NAMES.length;

/** mask with every trap code set (instructions whose code is an immediate, and calls) */
export const ANY_TRAP = (1 << TRAP_CODE_COUNT) - 1;

/** bit mask of the given codes */
export function trapMask(...codes: TrapCode[]): number {
  let m = 0;
  for (const c of codes) m |= 1 << c;
  return m;
}

/** the TrapCode with text name `name`, or -1 */
export function trapByName(name: string): TrapCode | -1 {
  const i = TRAP_NAMES.indexOf(name);
  return i < 0 ? -1 : (i as TrapCode);
}
