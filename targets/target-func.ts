/**
 * A target's machine function: the target-neutral MachFunc the allocator sees, plus the
 * target's payload per machine instruction — which emit rule produces its code, the IR
 * instruction it came from, and up to three integer words the rule defines (a condition, a
 * folded immediate or its encoding, a slot number). Held in typed arrays and reused across
 * functions. Each target names it with its calling convention's layout type
 * (targets/<isa>/mfunc.ts).
 *
 * Operand numbering inside an instruction is fixed by each rule (rules/*.ts say which operand
 * is which), so an emit rule reads operand k's allocation through its EmitCtx.
 */

import { grow } from '../compiler/ir/growable.js';
import { MachFunc } from '../compiler/regalloc/mach.js';

/** the parts of a calling-convention layout every target has */
export interface FuncLayout {
  readonly args: ReadonlyArray<{ readonly reg: number; readonly slot: number }>;
  readonly results: ReadonlyArray<{ readonly reg: number; readonly slot: number }>;
  readonly stackArgs: number;
  readonly memResults: number;
}

export class TargetFunc<L extends FuncLayout> {
  readonly m = new MachFunc();
  rule = new Uint16Array(64);
  ir = new Int32Array(64);
  aux0 = new Int32Array(64);
  aux1 = new Int32Array(64);
  aux2 = new Int32Array(64);
  /** br_table edge lists: for a br_table machine inst, aux2 indexes this list */
  readonly tables: Int32Array[] = [];
  /** 8-byte slots at the bottom of the frame for outgoing stack arguments and memory results */
  outgoing = 0;

  /** `layout`: the function's own calling-convention layout (replaced per function by the lowering) */
  constructor(public layout: L) {}

  reset(): void {
    this.m.reset();
    this.tables.length = 0;
    this.outgoing = 0;
  }

  /** start machine instruction with emit rule `rule`; add its operands with `m.operand` */
  inst(rule: number, irInst: number, flags = 0, a0 = 0, a1 = 0, a2 = 0): number {
    const i = this.m.inst(flags);
    if (i >= this.rule.length) {
      // the payload arrays grow together
      this.rule = grow(this.rule, i + 1);
      this.ir = grow(this.ir, i + 1);
      this.aux0 = grow(this.aux0, i + 1);
      this.aux1 = grow(this.aux1, i + 1);
      this.aux2 = grow(this.aux2, i + 1);
    }
    this.rule[i] = rule;
    this.ir[i] = irInst;
    this.aux0[i] = a0;
    this.aux1[i] = a1;
    this.aux2[i] = a2;
    return i;
  }
}
