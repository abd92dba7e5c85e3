/**
 * The spec testsuite's wording for each trap (assert_trap / assert_exhaustion messages): the
 * one list that the IR's trap codes (compiler/ir/traps.ts) and the engines' KilnTrap
 * (loader/trap.ts) both index, so the compiler and the interpreter can never word a trap
 * differently.
 */

export const TRAP_KINDS = [
  'unreachable',
  'out of bounds memory access',
  'out of bounds table access',
  'undefined element',
  'uninitialized element',
  'indirect call type mismatch',
  'integer divide by zero',
  'integer overflow',
  'invalid conversion to integer',
  'call stack exhausted',
  // not a spec trap: the embedder interrupted the running code (native engine, kiln issue 9)
  'interrupted',
] as const;
export type TrapKind = (typeof TRAP_KINDS)[number];
