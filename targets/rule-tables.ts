/**
 * The two tables every target's instruction selection is made of (targets/<isa>/rules/rule.ts
 * instantiates them with its own contexts):
 * - emit rules, indexed by a machine instruction's rule id: how its code is produced once
 *   registers are allocated;
 * - lowering handlers, indexed by IR opcode: which machine instructions (rule + operands with
 *   constraints) an IR instruction becomes;
 * plus the lowerings of the common operand shapes (unary, binary, constant).
 */

import type { Func } from '../compiler/ir/func.js';
import { OPCODES } from '../compiler/ir/opcodes.js';
import type { Constraint, MachFunc } from '../compiler/regalloc/mach.js';

export interface EmitRule<E> {
  readonly name: string;
  readonly emit: (e: E, mi: number) => void;
  /** no effect but its Def: skipped when the Def is never used */
  readonly pure: boolean;
}

/** a target's emit rules, by id */
export class EmitRules<E> {
  private readonly rules: EmitRule<E>[] = [];

  constructor(private readonly isa: string) {}

  /** register an emit rule; returns its id */
  define(name: string, emit: (e: E, mi: number) => void, pure = false): number {
    this.rules.push({ name, emit, pure });
    return this.rules.length - 1;
  }

  get(id: number): EmitRule<E> {
    const r = this.rules[id];
    if (r === undefined) throw new Error(`${this.isa}: no emit rule ${id}`);
    return r;
  }
}

/** what the shared lowerings need of a target's LowerCtx */
export interface BasicLowerCtx {
  readonly f: Func;
  readonly x: { readonly m: MachFunc; inst(rule: number, irInst: number, flags?: number, a0?: number, a1?: number, a2?: number): number };
  vreg(v: number): number;
  use(v: number, c?: Constraint, fixed?: number): void;
  def(v: number, c?: Constraint, fixed?: number): void;
}

/** a target's lowering handlers, by IR opcode */
export class Lowerings<C> {
  private readonly byOp: (((c: C, inst: number) => void) | undefined)[] = new Array<((c: C, inst: number) => void) | undefined>(OPCODES.length);

  constructor(private readonly isa: string) {}

  /** register the lowering of every IR row of the families named in `bases` (all their types) */
  define(bases: string, fn: (c: C, inst: number) => void): void {
    for (const base of bases.trim().split(/\s+/)) {
      let found = false;
      for (const r of OPCODES) {
        if (r.base !== base) continue;
        this.byOp[r.id] = fn;
        found = true;
      }
      if (!found) throw new Error(`${this.isa}: no IR family ${base}`);
    }
  }

  get(opcode: number): ((c: C, inst: number) => void) | undefined {
    return this.byOp[opcode];
  }

  /** every IR opcode without a lowering (a test keeps this empty); v128 rows (type 4) are not required */
  missing(): string[] {
    return OPCODES.filter((r) => this.byOp[r.id] === undefined && r.type !== 4).map((r) => r.name);
  }
}

/** the lowering `def result, use operand 0` of a one-operand instruction with emit rule `rule` */
export function unaryLowering<C extends BasicLowerCtx>(rule: number): (c: C, i: number) => void {
  return (c, i) => {
    c.x.inst(rule, i);
    c.def(c.f.result(i, 0));
    c.use(c.f.operand(i, 0));
  };
}

/** the lowering of a constant: one def the allocator may rematerialise instead of spilling */
export function constLowering<C extends BasicLowerCtx>(rule: number): (c: C, i: number) => void {
  return (c, i) => {
    const mi = c.x.inst(rule, i);
    const v = c.f.result(i, 0);
    c.def(v);
    c.x.m.vregRemat[c.vreg(v)] = mi;
  };
}

/** the lowering `def result, use operand 0, use operand 1` of a three-address instruction */
export function binaryLowering<C extends BasicLowerCtx>(rule: number): (c: C, i: number) => void {
  return (c, i) => {
    c.x.inst(rule, i);
    c.def(c.f.result(i, 0));
    c.use(c.f.operand(i, 0));
    c.use(c.f.operand(i, 1));
  };
}
