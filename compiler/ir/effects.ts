/**
 * Effect flags of an instruction row. A row with no flags (and an empty trap mask) is pure:
 * a pass may delete it when its results are unused, and move, duplicate or merge it freely.
 * Anything else constrains passes exactly as the flag says:
 * - READS_HEAP / WRITES_HEAP: linear memory through a `ptr` (loads, stores).
 * - MAY_TRAP: the row's trap mask (or the trap-code immediate) says which traps.
 * - CALL: control leaves the function; implies every other effect.
 * - GROWS_HEAP: linear memory may grow (so a cached memory size or base is stale after it).
 * - READS_STATE / WRITES_STATE: the VM context (globals, memory base and size, tables).
 * - TERMINATOR: ends a block.
 * - VOLATILE: reads state another thread may change at any time (the interrupt flag): never
 *   moved, merged or removed.
 */

export const Effect = {
  READS_HEAP: 1,
  WRITES_HEAP: 2,
  MAY_TRAP: 4,
  CALL: 8,
  GROWS_HEAP: 16,
  READS_STATE: 32,
  WRITES_STATE: 64,
  TERMINATOR: 128,
  VOLATILE: 256,
} as const;

export const PURE = 0;

/** everything a call may do */
export const CALL_EFFECTS =
  Effect.CALL |
  Effect.READS_HEAP |
  Effect.WRITES_HEAP |
  Effect.MAY_TRAP |
  Effect.GROWS_HEAP |
  Effect.READS_STATE |
  Effect.WRITES_STATE;

const NAMES: readonly [number, string][] = [
  [Effect.READS_HEAP, 'reads_heap'],
  [Effect.WRITES_HEAP, 'writes_heap'],
  [Effect.MAY_TRAP, 'may_trap'],
  [Effect.CALL, 'call'],
  [Effect.GROWS_HEAP, 'grows_heap'],
  [Effect.READS_STATE, 'reads_state'],
  [Effect.WRITES_STATE, 'writes_state'],
  [Effect.TERMINATOR, 'terminator'],
  [Effect.VOLATILE, 'volatile'],
];

/** "pure" or the flag names joined by '|' (for dumps and docs) */
export function effectNames(flags: number): string {
  if (flags === 0) return 'pure';
  return NAMES.filter(([bit]) => (flags & bit) !== 0)
    .map(([, n]) => n)
    .join('|');
}
