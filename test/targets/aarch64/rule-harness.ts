/**
 * A harness for testing AArch64 lowering and emit rules one IR instruction at a time, without
 * the lowering driver or the allocator: a LowerCtx that records each machine instruction's
 * operands (kind and register class), and an EmitCtx that hands out registers chosen by the
 * test (operand k → a register number per class). It loads the float and conversion families;
 * a test of another family imports that family's file too.
 */

import { Builder } from '../../../compiler/ir/builder.js';
import type { Func } from '../../../compiler/ir/func.js';
import { op, OPCODES } from '../../../compiler/ir/opcodes.js';
import { Type } from '../../../compiler/ir/types.js';
import { OpKind, RegClassId, type Constraint } from '../../../compiler/regalloc/mach.js';
import type { Assembler } from '../../../targets/aarch64/asm.js';
import { A64Func } from '../../../targets/aarch64/mfunc.js';
import type { Label } from '../../../targets/aarch64/operands.js';
import type { Gpr, Vreg } from '../../../targets/aarch64/regs.js';
import { emitRule, lowering, type EmitCtx, type LowerCtx } from '../../../targets/aarch64/rules/rule.js';
import '../../../targets/aarch64/rules/float.js';
import '../../../targets/aarch64/rules/convert.js';

export interface RecordedOperand {
  readonly kind: 'use' | 'def' | 'temp';
  readonly cls: RegClassId;
}

export interface Lowered {
  readonly x: A64Func;
  /** machine instructions the IR instruction became */
  readonly mis: readonly number[];
  /** per machine instruction: its operands in order */
  readonly operands: readonly (readonly RecordedOperand[])[];
}

const classOf = (t: number): RegClassId => (t === Type.F32 || t === Type.F64 ? RegClassId.Float : RegClassId.Int);

function unsupported(name: string): never {
  throw new Error(`rule harness: ${name} is not available`);
}

/** lower IR instruction `inst` of `f` into a fresh machine function, recording operands */
export function lowerOne(f: Func, inst: number): Lowered {
  const fn = lowering(f.instOp[inst] as number);
  if (fn === undefined) throw new Error(`no lowering for opcode ${f.instOp[inst]}`);
  const x = new A64Func();
  x.m.beginBlock();
  const vregs = new Map<number, number>();
  const operands: RecordedOperand[][] = [];
  const mis: number[] = [];
  const vregOf = (v: number): number => {
    let r = vregs.get(v);
    if (r === undefined) vregs.set(v, (r = x.m.newVreg(classOf(f.valueType[v] as number))));
    return r;
  };
  const current = (): RecordedOperand[] => {
    const mi = x.m.instCount - 1;
    if (mis[mis.length - 1] !== mi) {
      mis.push(mi);
      operands.push([]);
    }
    return operands[operands.length - 1]!;
  };
  const add = (kind: RecordedOperand['kind'], v: number, opKind: OpKind): void => {
    current().push({ kind, cls: classOf(f.valueType[v] as number) });
    x.m.operand(vregOf(v), opKind);
  };
  const c: LowerCtx = {
    f,
    x,
    hasFeature: () => false,
    vreg: vregOf,
    use: (v: number, _c?: Constraint) => add('use', v, OpKind.Use),
    def: (v: number, _c?: Constraint) => add('def', v, OpKind.Def),
    operandVreg: () => unsupported('operandVreg'),
    temp: (cls: RegClassId) => {
      current().push({ kind: 'temp', cls });
      x.m.operand(x.m.newVreg(cls), OpKind.EarlyDef);
    },
    constOf: () => null,
    constHalves: () => null,
    addImmOf: () => null,
    logicImmOf: () => -1,
    fusedDef: () => -1,
    edge: () => unsupported('edge'),
    vmctx: () => unsupported('vmctx'),
    runtimeBlock: () => -1,
  };
  fn(c, inst);
  // instructions without operands still count
  for (let mi = 0; mi < x.m.instCount; mi++) {
    if (!mis.includes(mi)) {
      mis.push(mi);
      operands.push([]);
    }
  }
  return { x, mis, operands };
}

/** emit machine instruction mi of `x` with operand k allocated to register regs[k] */
export function emitWith(asm: Assembler, f: Func, x: A64Func, mi: number, regs: readonly number[]): void {
  const reg = (k: number): number => {
    const r = regs[k];
    if (r === undefined) throw new Error(`rule harness: no register for operand ${k}`);
    return r;
  };
  const e: EmitCtx = {
    asm,
    f,
    x,
    gpr: (_mi, k) => reg(k) as Gpr,
    vreg: (_mi, k) => reg(k) as Vreg,
    trap: (): Label => unsupported('trap'),
    faultSite: () => unsupported('faultSite'),
    blockLabel: () => unsupported('blockLabel'),
    isNext: () => false,
    succ: () => unsupported('succ'),
    jumpTable: () => unsupported('jumpTable'),
    epilogue: () => unsupported('epilogue'),
  };
  emitRule(x.rule[mi] as number).emit(e, mi);
}

/** a scratch function holding IR instructions built on demand; operands are the entry params */
export class IrScratch {
  readonly b = new Builder();
  private readonly params: number[] = [];

  constructor() {
    const types = [Type.I32, Type.I64, Type.F32, Type.F64, Type.PTR];
    const entry = this.b.begin('scratch', types, []);
    types.forEach((t, k) => (this.params[t] = this.b.f.blockParam(entry, k)));
  }

  get f(): Func {
    return this.b.f;
  }

  /** an instruction `name` (an IR row name such as `fadd.f32`) on params of its operand types */
  inst(name: string, imm0 = 0, imm1 = 0): number {
    const opcode = op(name);
    const operands = OPCODES[opcode]!.operands.map((t) => this.params[t]!);
    return this.b.inst(opcode, operands, imm0, imm1);
  }
}
