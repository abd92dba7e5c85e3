/**
 * Random valid MachFuncs for the allocator's randomized test: a random CFG (a spine of
 * fall-through edges so every block is reachable, plus forward, backward and self edges from
 * two-way branches, and edges back to the entry), critical edges split by jump blocks, block
 * params of both classes bound by random args (sometimes a permutation of the target's own
 * params, so loops swap values), and instructions of every shape the contract allows:
 * plain Reg/Any operations, two-address Reuse, MOVEs, rematerialisable constants, calls with
 * Fixed args and results and clobber masks, division-like Fixed use/def/clobber groups, one
 * vreg used in two Fixed registers, dead early-def scratches. Values respect SSA dominance
 * (each block sees what its dominators define), and each instruction needs no more registers
 * than the env has.
 */

import { Constraint, InstFlag, MachFunc, OpKind, RegClassId, type RegEnv } from '../../../compiler/regalloc/index.js';

export type Rng = () => number;

/** mulberry32 */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface AOp {
  v: number;
  kind: OpKind;
  c: Constraint;
  fixed: number;
}
interface AInst {
  ops: AOp[];
  flags: number;
  clobber: [number, number];
  remat: boolean;
}
interface ABlock {
  params: number[];
  insts: AInst[];
  succs: number[];
  args: number[][];
}

export interface GenOptions {
  maxBlocks: number;
  maxInsts: number;
}

export function randomFunc(r: Rng, env: RegEnv, opt: GenOptions = { maxBlocks: 8, maxInsts: 7 }): MachFunc {
  const int = (n: number): number => Math.floor(r() * n);
  const pick = <T>(a: readonly T[]): T => a[int(a.length)] as T;
  const classes: number[] = [];
  const newV = (cls: number): number => {
    classes.push(cls);
    return classes.length - 1;
  };

  // ---- CFG
  const n = 1 + int(opt.maxBlocks);
  const blocks: ABlock[] = [];
  for (let b = 0; b < n; b++) blocks.push({ params: [], insts: [], succs: [], args: [] });
  for (let b = 0; b < n - 1; b++) {
    const x = r();
    if (x < 0.45) blocks[b]!.succs = [b + 1];
    else {
      let j = int(n);
      if (j === b + 1) j = r() < 0.5 ? b : 0;
      if (j === b + 1) j = b;
      blocks[b]!.succs = r() < 0.5 ? [b + 1, j] : [j, b + 1];
    }
  }
  if (n > 1 && r() < 0.2) blocks[n - 1]!.succs = [int(n)];
  // split critical edges
  const preds = (t: number): number => blocks.reduce((s, bl) => s + (bl.succs.includes(t) ? 1 : 0), t === 0 ? 1 : 0);
  const total = blocks.length;
  for (let b = 0; b < total; b++) {
    const bl = blocks[b]!;
    if (bl.succs.length < 2) continue;
    for (let k = 0; k < bl.succs.length; k++) {
      const t = bl.succs[k]!;
      if (preds(t) < 2) continue;
      blocks.push({ params: [], insts: [], succs: [t], args: [] });
      bl.succs[k] = blocks.length - 1;
    }
  }
  // the last original block returns unless it loops; make sure some block returns
  const nb = blocks.length;
  for (let b = 1; b < nb; b++) if (r() < 0.5) for (let k = int(3); k > 0; k--) blocks[b]!.params.push(newV(r() < 0.7 ? 0 : 1));
  // split blocks have one pred; their params would be pointless, keep them empty
  for (let b = n; b < nb; b++) blocks[b]!.params = [];
  const idom = dominators(blocks);

  // ---- instructions, in dominator-tree preorder so each block sees its dominators' values
  const availEnd: number[][] = new Array(nb);
  const order = preorder(idom);
  const intRegs = env.allocatable[0];
  const fltRegs = env.allocatable[1];
  const callee0 = new Set(env.calleeSaved[0]);
  const callerInt = intRegs.filter((x) => !callee0.has(x));
  const callee1 = new Set(env.calleeSaved[1]);
  const callerFlt = fltRegs.filter((x) => !callee1.has(x));
  const mask = (regs: readonly number[]): number => regs.reduce((m, x) => m | (1 << x), 0);
  for (const b of order) {
    const avail: number[] = b === 0 ? [] : [...availEnd[idom[b]!]!, ...blocks[b]!.params];
    const bl = blocks[b]!;
    const of = (cls: number): number[] => avail.filter((v) => classes[v] === cls);
    const op = (v: number, kind: OpKind, c: Constraint = Constraint.Reg, fixed = -1): AOp => ({ v, kind, c, fixed });
    const emit = (ops: AOp[], flags = 0, clobber: [number, number] = [0, 0], remat = false): void => {
      bl.insts.push({ ops, flags, clobber, remat });
      for (const o of ops) if (o.kind !== OpKind.Use && (o.kind === OpKind.Def || r() < 0.3)) avail.push(o.v);
    };
    if (b === 0) {
      const args = [newV(0), newV(0), newV(1)];
      emit([op(args[0]!, OpKind.Def, Constraint.Fixed, intRegs[0]!), op(args[1]!, OpKind.Def, Constraint.Fixed, intRegs[1]!), op(args[2]!, OpKind.Def, Constraint.Fixed, fltRegs[0]!)]);
    }
    const count = int(opt.maxInsts);
    for (let k = 0; k < count; k++) {
      const cls = r() < 0.7 ? 0 : 1;
      const vals = of(cls);
      const regs = cls === 0 ? intRegs : fltRegs;
      const x = int(100);
      if (x < 22) {
        const d = newV(cls);
        const ops = [op(d, OpKind.Def, r() < 0.2 ? Constraint.Any : Constraint.Reg)];
        for (let u = 1 + int(2); u > 0; u--) ops.push(op(pick(vals), OpKind.Use, r() < 0.25 ? Constraint.Any : Constraint.Reg));
        emit(ops);
      } else if (x < 34) {
        const d = newV(cls);
        const ops = [op(pick(vals), OpKind.Use), op(d, OpKind.Def, Constraint.Reuse, 0)];
        if (r() < 0.6) ops.push(op(pick(vals), OpKind.Use, r() < 0.3 ? Constraint.Any : Constraint.Reg));
        emit(ops);
      } else if (x < 44) {
        emit([op(newV(cls), OpKind.Def), op(pick(vals), OpKind.Use)], InstFlag.MOVE);
      } else if (x < 56) {
        emit([op(newV(cls), OpKind.Def)], 0, [0, 0], true);
      } else if (x < 68) {
        // a call: Fixed args in caller-saved registers, results, clobbers
        const ops: AOp[] = [];
        const ia = of(0);
        const nInt = int(Math.min(3, callerInt.length + 1));
        for (let a = 0; a < nInt; a++) ops.push(op(pick(ia), OpKind.Use, Constraint.Fixed, callerInt[a]!));
        if (r() < 0.4) ops.push(op(pick(of(1)), OpKind.Use, Constraint.Fixed, callerFlt[0]!));
        if (r() < 0.8) ops.push(op(newV(0), OpKind.Def, Constraint.Fixed, callerInt[0]!));
        if (r() < 0.3) ops.push(op(newV(1), OpKind.Def, Constraint.Fixed, callerFlt[0]!));
        if (r() < 0.2) ops.push(op(newV(0), OpKind.EarlyDef, Constraint.Reg));
        emit(ops, InstFlag.CALL, [mask(callerInt), mask(callerFlt)]);
      } else if (x < 76) {
        // division-like: dividend in regs[0], quotient out of regs[0], remainder out of regs[2] or clobbered
        const ops = [op(pick(vals), OpKind.Use, Constraint.Fixed, regs[0]!), op(pick(vals), OpKind.Use), op(newV(cls), OpKind.Def, Constraint.Fixed, regs[0]!)];
        let clob: [number, number] = [0, 0];
        if (r() < 0.5) ops.push(op(newV(cls), OpKind.Def, Constraint.Fixed, regs[2]!));
        else clob = cls === 0 ? [1 << regs[2]!, 0] : [0, 1 << regs[2]!];
        emit(ops, 0, clob);
      } else if (x < 82) {
        const v = pick(vals);
        emit([op(v, OpKind.Use, Constraint.Fixed, regs[1]!), op(v, OpKind.Use, Constraint.Fixed, regs[2]!), op(newV(cls), OpKind.Def)]);
      } else if (x < 88) {
        emit([op(newV(cls), OpKind.EarlyDef), op(pick(vals), OpKind.Use), op(newV(cls), OpKind.Def)]);
      } else if (x < 93) {
        // uses and defs all fixed to one register
        emit([op(pick(vals), OpKind.Use, Constraint.Fixed, regs[1]!), op(newV(cls), OpKind.Def, Constraint.Fixed, regs[1]!)]);
      } else {
        emit([op(newV(cls), OpKind.Def, Constraint.Any), op(pick(vals), OpKind.Use, Constraint.Any), op(pick(vals), OpKind.Use, Constraint.Any)]);
      }
    }
    availEnd[b] = avail;
  }

  // ---- terminators and edge args
  for (let b = 0; b < nb; b++) {
    const bl = blocks[b]!;
    const avail = availEnd[b]!;
    const of = (cls: number): number[] => avail.filter((v) => classes[v] === cls);
    for (const t of bl.succs) {
      const params = blocks[t]!.params;
      const own = params.every((p) => avail.includes(p));
      if (own && params.length > 1 && r() < 0.5) bl.args.push([...params].reverse().map((p, k) => (classes[p] === classes[params[k]!] ? p : params[k]!)));
      else bl.args.push(params.map((p) => pick(of(classes[p]!))));
    }
  }

  // ---- emit in layout order
  const m = new MachFunc();
  for (const cls of classes) m.newVreg(cls as RegClassId);
  for (let b = 0; b < nb; b++) {
    const bl = blocks[b]!;
    m.beginBlock(bl.params);
    for (const ins of bl.insts) {
      const i = m.inst(ins.flags);
      for (const o of ins.ops) m.operand(o.v, o.kind, o.c, o.fixed);
      if (ins.clobber[0] !== 0) m.clobber(RegClassId.Int, ins.clobber[0]);
      if (ins.clobber[1] !== 0) m.clobber(RegClassId.Float, ins.clobber[1]);
      if (ins.remat) m.vregRemat[ins.ops[0]!.v] = i;
    }
    const avail = availEnd[b]!;
    const term: AOp[] = [];
    if (bl.succs.length === 2) term.push({ v: pick(avail.filter((v) => classes[v] === 0)), kind: OpKind.Use, c: Constraint.Reg, fixed: -1 });
    if (bl.succs.length === 0) {
      term.push({ v: pick(avail.filter((v) => classes[v] === 0)), kind: OpKind.Use, c: Constraint.Fixed, fixed: intRegs[0]! });
      if (r() < 0.5) term.push({ v: pick(avail.filter((v) => classes[v] === 1)), kind: OpKind.Use, c: Constraint.Fixed, fixed: fltRegs[0]! });
    }
    m.inst(InstFlag.TERM);
    for (const o of term) m.operand(o.v, o.kind, o.c, o.fixed);
    bl.succs.forEach((t, k) => m.succ(t, bl.args[k]));
  }
  return m;
}

function dominators(blocks: readonly ABlock[]): number[] {
  const n = blocks.length;
  const preds: number[][] = blocks.map(() => []);
  blocks.forEach((b, i) => b.succs.forEach((t) => preds[t]!.push(i)));
  const rpo: number[] = [];
  const seen = new Uint8Array(n);
  const dfs = (b: number): void => {
    seen[b] = 1;
    for (const t of blocks[b]!.succs) if (!seen[t]) dfs(t);
    rpo.push(b);
  };
  dfs(0);
  rpo.reverse();
  const num = new Int32Array(n).fill(-1);
  rpo.forEach((b, k) => (num[b] = k));
  const idom = new Array<number>(n).fill(-1);
  idom[0] = 0;
  let changed = true;
  while (changed) {
    changed = false;
    for (const b of rpo) {
      if (b === 0) continue;
      let d = -1;
      for (const p of preds[b]!) {
        if (idom[p] === -1 || num[p] === -1) continue;
        if (d === -1) d = p;
        else {
          let x = p;
          let y = d;
          while (x !== y) {
            while (num[x]! > num[y]!) x = idom[x]!;
            while (num[y]! > num[x]!) y = idom[y]!;
          }
          d = x;
        }
      }
      if (d !== idom[b]) {
        idom[b] = d;
        changed = true;
      }
    }
  }
  return idom;
}

function preorder(idom: readonly number[]): number[] {
  const kids: number[][] = idom.map(() => []);
  idom.forEach((d, b) => {
    if (b !== 0 && d >= 0) kids[d]!.push(b);
  });
  const out: number[] = [];
  const walk = (b: number): void => {
    out.push(b);
    for (const k of kids[b]!) walk(k);
  };
  walk(0);
  return out;
}
