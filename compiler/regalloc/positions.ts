/**
 * The allocator's program positions. Each machine instruction i owns eight positions
 * `8*i + k`; five are used:
 *
 * - B (k=0) "before": moves that execute before i (output point 2*i): split moves, edge moves
 *   at a block start, copies into the registers of Fixed and Reuse uses;
 * - U (k=1) uses are read, early defs and Reuse defs begin;
 * - C (k=2) the registers i clobbers are destroyed;
 * - D (k=3) defs are written;
 * - A (k=4) "after": moves that execute after i (output point 2*i + 1): copies out of the
 *   registers of Fixed defs, split moves.
 *
 * A live range is a set of half-open position ranges. A value read by i and dead after it
 * covers up to U; one live across i covers U, C and D, so it can never share a register
 * with a def of i, and never sits in a register i clobbers, while a def of i (which starts at D)
 * may. Intervals are split only at B positions and at A positions of non-terminators; a split
 * at the B position of a block's first instruction is resolved on the CFG edges instead.
 */

export const POS_B = 0;
export const POS_U = 1;
export const POS_C = 2;
export const POS_D = 3;
export const POS_A = 4;

/** a position larger than every real one */
export const INF_POS = 0x7fffffff;

export const posOf = (inst: number, k: number): number => inst * 8 + k;
export const instOf = (pos: number): number => pos >> 3;
export const kindOf = (pos: number): number => pos & 7;

/** the output point (MachFunc numbering) of the moves at B or A position `pos` */
export const pointOf = (pos: number): number => (pos >> 3) * 2 + ((pos & 7) >= POS_A ? 1 : 0);

/**
 * The latest position <= `pos` at which an interval may be split: the A position of a
 * non-terminator instruction, else the instruction's B position. `isTerm[i]` is 1 for
 * terminators.
 */
export function splitPosAtOrBefore(pos: number, isTerm: Uint8Array): number {
  if (pos >= INF_POS) return INF_POS;
  const i = pos >> 3;
  if ((pos & 7) >= POS_A && isTerm[i] === 0) return i * 8 + POS_A;
  return i * 8;
}
