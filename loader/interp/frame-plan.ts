/**
 * Which wasm locals of a split function (split.ts) live in its frame. A split function
 * runs as several JS functions — the function itself and its pieces, each owning the
 * instructions of its region minus the regions nested in it — and a local that more than
 * one of them uses must outlive each call: it gets a slot in the frame, two arrays made
 * per call of the function (FI for i32, f32 bits and i64 halves; FO, a
 * generic array, for f64, v128 and references, so f64 bits are kept) and passed to every
 * piece. (A small FI is a plain array of int32 values, which V8 keeps as small integers,
 * cheaper to allocate per call than an Int32Array; a large one is an Int32Array reused from a
 * pool of the instance's script: split.ts.) A JS function keeps the frame locals it uses in JS variables: a piece loads them on
 * entry and stores those it writes on leaving; any of them stores what it wrote before it
 * calls a piece and reloads, after, what the piece may have written. Values passed through
 * a JS function that does not use them cost it nothing.
 *
 * A local is in the frame when more than one JS function uses it; when it is a parameter
 * of the function used by a piece; or when the only JS function using it is a piece inside a
 * loop (run more than once per call) which may read it before writing it. Any other local
 * is a plain variable of the one JS function using it, starting at zero.
 */

import { OP } from '../../formats/wasm/opcodes.js';
import type { Instr, ValType } from '../../formats/wasm/types.js';
import type { Region } from './codegen.js';

const I64 = 0x7e;
const isInt = (t: ValType): boolean => t === 0x7f || t === 0x7d || t === I64;

/** what one JS function of a split function does with locals */
export interface OwnLocals {
  /** locals its own instructions access, in index order */
  readonly used: readonly number[];
  /** those it writes */
  readonly written: ReadonlySet<number>;
}

export interface FramePlan {
  /** frame slot of each local (−1: not in the frame): in FI when int-valued (an i64 takes two), else in FO */
  readonly slot: Int32Array;
  readonly ints: number;
  /** the initial value of each FO slot, as a JS expression (slot 0: null, unused) */
  readonly objZeros: readonly string[];
  /** by JS function: the function itself (null) or a region */
  readonly own: ReadonlyMap<Region | null, OwnLocals>;
  /** locals written anywhere inside each region */
  readonly writtenIn: ReadonlyMap<Region, ReadonlySet<number>>;
}

const ZERO_OBJ: Readonly<Record<number, string>> = { 0x7c: '0', 0x7b: 'V0' };

export function planFrame(body: readonly Instr[], regions: readonly Region[], localTypes: readonly ValType[], numParams: number): FramePlan {
  const sorted = [...regions].sort((a, b) => a.start - b.start || b.end - a.end);
  const used = new Map<Region | null, Set<number>>([[null, new Set()]]);
  const written = new Map<Region | null, Set<number>>([[null, new Set()]]);
  const writtenIn = new Map<Region, Set<number>>();
  /** per owner, per local: is its first own access a write at the owner's top level */
  const firstIsTopWrite = new Map<Region | null, Map<number, boolean>>([[null, new Map()]]);
  const baseDepth = new Map<Region, number>();
  for (const r of sorted) {
    used.set(r, new Set());
    written.set(r, new Set());
    writtenIn.set(r, new Set());
    firstIsTopWrite.set(r, new Map());
  }
  const open: Region[] = [];
  let next = 0;
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    while (open.length > 0 && (open[open.length - 1] as Region).end <= i) open.pop();
    while (next < sorted.length && (sorted[next] as Region).start === i) {
      const r = sorted[next++] as Region;
      baseDepth.set(r, depth);
      open.push(r);
    }
    const ins = body[i] as Instr;
    const op = ins.op;
    if (op === OP.local_get || op === OP.local_set || op === OP.local_tee) {
      const owner = open.length > 0 ? (open[open.length - 1] as Region) : null;
      const l = ins.a;
      const isWrite = op !== OP.local_get;
      const firsts = firstIsTopWrite.get(owner) as Map<number, boolean>;
      if (!firsts.has(l)) firsts.set(l, isWrite && depth === (owner === null ? 0 : (baseDepth.get(owner) as number)));
      (used.get(owner) as Set<number>).add(l);
      if (isWrite) {
        (written.get(owner) as Set<number>).add(l);
        for (const r of open) (writtenIn.get(r) as Set<number>).add(l);
      }
    }
    if (op === OP.block || op === OP.loop || op === OP.if) depth++;
    else if (op === OP.end) depth--;
  }

  const owners = new Map<number, (Region | null)[]>();
  for (const [owner, set] of used) {
    for (const l of set) {
      const list = owners.get(l);
      if (list === undefined) owners.set(l, [owner]);
      else list.push(owner);
    }
  }
  const slot = new Int32Array(localTypes.length).fill(-1);
  let ints = 0;
  // slot 0 holds null, so that the array keeps tagged elements: a double-packed array would
  // quiet signalling-NaN payloads
  const objZeros: string[] = ['null'];
  for (let l = 0; l < localTypes.length; l++) {
    const list = owners.get(l);
    if (list === undefined) continue;
    const only = list.length === 1 ? list[0] : undefined;
    const inFrame =
      list.length > 1 ||
      (only !== null && l < numParams) ||
      (only !== undefined && only !== null && only.inLoop && (firstIsTopWrite.get(only) as Map<number, boolean>).get(l) !== true);
    if (!inFrame) continue;
    const t = localTypes[l] as ValType;
    if (isInt(t)) {
      slot[l] = ints;
      ints += t === I64 ? 2 : 1;
    } else {
      slot[l] = objZeros.length;
      objZeros.push(ZERO_OBJ[t] ?? 'null');
    }
  }
  const own = new Map<Region | null, OwnLocals>();
  for (const [owner, set] of used) own.set(owner, { used: [...set].sort((a, b) => a - b), written: written.get(owner) as Set<number> });
  return { slot, ints, objZeros, own, writtenIn };
}

/** whether local l of type t lives in FI (else FO) */
export const inIntFrame = (t: ValType): boolean => isInt(t);
