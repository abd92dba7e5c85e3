/**
 * Where to split a large function (split.ts): V8 never optimises a JavaScript function
 * whose bytecode is over its limit (61,440 bytes), so a wasm function whose translation is
 * larger than a budget is cut into regions, each translated as a JS function of its own.
 *
 * The plan works on the figures of an unsplit translation (codegen.ts Recording): for each
 * instruction, the stack height before it, the lowest height while it ran, the estimated
 * bytecode of the JavaScript it became (bytecode-estimate.ts), and whether it was reachable. The body is a tree of sequences
 * (the function body, each arm of a block, loop or if) whose items are single instructions
 * and nested constructs. Bottom up, a sequence whose size (after its nested sequences were
 * cut) is over the budget is cut into chunks of consecutive items, greedily, each closed at
 * the first item boundary past the budget (chunks under a minimum size are not worth a
 * call and stay); a chunk starts at a reachable instruction (its end
 * may be unreachable: it then ends in a branch, return or trap). Operands may cross a chunk's
 * boundaries (clang's code keeps values on the stack across long stretches): those it pops
 * from below its start are its inputs, those it leaves its outputs (Region.low). A chunk
 * then costs its sequence only a call (its cost estimated by the caller, split.ts). Branches out of a chunk are fine: the
 * piece returns an exit code and its caller branches (split.ts).
 */

import { OP } from '../../formats/wasm/opcodes.js';
import type { Instr } from '../../formats/wasm/types.js';
import type { Recording, Region } from './codegen.js';


interface Item {
  start: number;
  /** exclusive */
  end: number;
  size: number;
  low: number;
  constructs: number;
}

interface Arm {
  items: Item[];
  /** index of its first instruction */
  start: number;
}

interface Open {
  at: number;
  arms: Arm[];
  /** sizes of the finished arms, after cutting */
  armSizes: number;
  low: number;
  constructs: number;
}

/**
 * the regions to translate as pieces so that each JS function stays near `budget`
 * (estimated bytecode bytes), none smaller than `minChunk`, a chunk of chunks at `groupShare` of it;
 * `stubCost` estimates the bytecode of a region's call
 */
export function planRegions(
  body: readonly Instr[],
  rec: Recording,
  budget: number,
  minChunk: number,
  groupShare: number,
  stubCost: (r: Region) => number,
): Region[] {
  const regions: Region[] = [];
  const lowOf = (i: number): number => (rec.reached[i] === 1 ? (rec.lows[i] as number) : Infinity);

  /**
   * one greedy pass over a sequence's items: returns the items with each chunk replaced by
   * its call, or null when no chunk was made
   */
  const chunk = (items: readonly Item[], endIndex: number, inLoop: boolean, minItems: number, limit: number): Item[] | null => {
    const out: Item[] = [];
    const m = items.length;
    let start = -1;
    let acc = 0;
    let low = Infinity;
    let constructs = 0;
    let made = false;
    const flush = (from: number, to: number): void => {
      for (let k = from; k < to; k++) out.push(items[k] as Item);
    };
    let kept = 0;
    for (let j = 0; j <= m; j++) {
      const next = j < m ? (items[j] as Item).size : 0;
      if (start >= 0 && (j === m || acc + next > limit)) {
        if (acc >= minChunk && j - start >= minItems) {
          const end = j === m ? endIndex : (items[j] as Item).start;
          const first = (items[start] as Item).start;
          const r: Region = { start: first, end, constructs, inLoop, low: Math.min(low, rec.heights[first] as number) };
          regions.push(r);
          flush(kept, start);
          out.push({ start: first, end, size: stubCost(r), low: r.low, constructs });
          kept = j;
          made = true;
        }
        start = -1;
      }
      if (j === m) break;
      const it = items[j] as Item;
      if (start < 0 && rec.reached[it.start] === 1) {
        start = j;
        acc = 0;
        low = Infinity;
        constructs = 0;
      }
      if (start >= 0) {
        acc += it.size;
        low = Math.min(low, it.low);
        constructs += it.constructs;
      }
    }
    flush(kept, m);
    return made ? out : null;
  };

  /** cuts one arm while over budget (chunks, then chunks of chunks); returns its size afterwards */
  const finishArm = (arm: Arm, endIndex: number): number => {
    const inLoop = loopsOpen > 0;
    let items: readonly Item[] = arm.items;
    let total = 0;
    for (const it of items) total += it.size;
    if (items.length === 0 || rec.reached[arm.start] !== 1) return total;
    // a chunk of chunks must group at least two, or it would have its only chunk's range; it
    // is given a share of the budget, since its piece also declares, and stores back, the
    // locals of the calls it groups
    for (let pass = 0; total > budget; pass++) {
      const next = pass === 0 ? chunk(items, endIndex, inLoop, 1, budget) : chunk(items, endIndex, inLoop, 2, budget * groupShare);
      if (next === null) break;
      items = next;
      total = 0;
      for (const it of items) total += it.size;
    }
    return total;
  };

  const opens: Open[] = [{ at: -1, arms: [{ items: [], start: 0 }], armSizes: 0, low: Infinity, constructs: 0 }];
  /** loops among the open constructs */
  let loopsOpen = 0;
  const top = (): Open => opens[opens.length - 1] as Open;
  const arm = (): Arm => top().arms[top().arms.length - 1] as Arm;
  for (let i = 0; i < body.length; i++) {
    const op = (body[i] as Instr).op;
    if (op === OP.block || op === OP.loop || op === OP.if) {
      if (op === OP.loop) loopsOpen++;
      opens.push({ at: i, arms: [{ items: [], start: i + 1 }], armSizes: 0, low: lowOf(i), constructs: 1 });
    } else if (op === OP.else) {
      const o = top();
      o.armSizes += finishArm(arm(), i);
      for (const it of arm().items) {
        o.low = Math.min(o.low, it.low);
        o.constructs += it.constructs;
      }
      o.arms.push({ items: [], start: i + 1 });
    } else if (op === OP.end) {
      const o = top();
      const last = arm();
      const size = o.armSizes + finishArm(last, i);
      if (opens.length === 1) break;
      opens.pop();
      if ((body[o.at] as Instr).op === OP.loop) loopsOpen--;
      let low = Math.min(o.low, lowOf(i));
      let constructs = o.constructs;
      for (const it of last.items) {
        low = Math.min(low, it.low);
        constructs += it.constructs;
      }
      // the open, else and end instructions' own code
      let own = rec.chars[o.at] as number;
      for (const a of o.arms) if (a.start - 1 !== o.at) own += rec.chars[a.start - 1] as number;
      own += rec.chars[i] as number;
      const parentArm = top().arms[top().arms.length - 1] as Arm;
      parentArm.items.push({ start: o.at, end: i + 1, size: size + own, low, constructs });
    } else {
      arm().items.push({ start: i, end: i + 1, size: rec.chars[i] as number, low: lowOf(i), constructs: 0 });
    }
  }
  return regions;
}
