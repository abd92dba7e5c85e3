/**
 * Calls: `call` (direct, `bl` with a call26 relocation to the callee), `call_indirect` (`blr`
 * through a code pointer) and `call_runtime` (AAPCS64, through the runtime block's function
 * table).
 *
 * kiln-cc (abi.ts): register arguments are Fixed uses, register results Fixed defs, and every
 * caller-saved register is clobbered. Stack arguments are stored to the outgoing area at the
 * bottom of the frame ([sp + 8·k]) by `store_out` before the call, and memory results are
 * loaded from the slots after them by `load_out`.
 *
 * Operand layouts: call — register args, then register results; call_indirect — code, then
 * the same; call_runtime — args (Fixed), then the result (Fixed x0) if any.
 */

import { RUNTIME } from '../../../compiler/ir/runtime.js';
import { Type } from '../../../compiler/ir/types.js';
import { Constraint, InstFlag, RegClassId } from '../../../compiler/regalloc/mach.js';
import { mov } from '../alias.js';
import { memOffset } from '../operands.js';
import { SP, X0 } from '../regs.js';
import { CALL_CLOBBERS, cCall, kilnCC, RT, SCRATCH_GPR, type CallLayout } from '../abi.js';
import { loadSlot, storeSlot } from './control.js';
import { defineLowering, defineRule, type LowerCtx } from './rule.js';

const storeOut = defineRule('store_out', (e, mi) => storeSlot(e, mi, 0, SP, 8 * (e.x.aux0[mi] as number)));
const loadOut = defineRule('load_out', (e, mi) => loadSlot(e, mi, SP, 8 * (e.x.aux0[mi] as number)));

const callDirect = defineRule('call', (e, mi) => {
  e.asm.emit({ kind: 'bl', target: `f${e.f.instImm0[e.x.ir[mi] as number] as number}` });
});

const callIndirect = defineRule('call_indirect', (e, mi) => {
  e.asm.emit({ kind: 'br', op: 'blr', rn: e.gpr(mi, 0) });
});

/** `ldr x16, [x0, #8]; ldr x16, [x16, #functions + 8·id]; blr x16` (x0 is the vmctx, the first argument) */
const callRuntime = defineRule('call_runtime', (e, mi) => {
  const id = e.f.instImm0[e.x.ir[mi] as number] as number;
  e.asm.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: SCRATCH_GPR, addr: memOffset(X0, 8, 8) });
  e.asm.emit({ kind: 'ldst', op: 'ldr', w: 64, rt: SCRATCH_GPR, addr: memOffset(SCRATCH_GPR, RT.functions + 8 * id, 8) });
  e.asm.emit({ kind: 'br', op: 'blr', rn: SCRATCH_GPR });
  // AAPCS64 leaves the upper half of x0 unspecified for an int32 result (6.9)
  if (RUNTIME[id]?.results[0] === Type.I32) e.asm.emit(mov(32, X0, X0));
});

/** types of a signature of the IR function */
function sigTypes(c: LowerCtx, s: number): [Type[], Type[]] {
  const f = c.f;
  const params: Type[] = [];
  const results: Type[] = [];
  for (let k = 0; k < (f.sigParamCount[s] as number); k++) params.push(f.sigParam(s, k));
  for (let k = 0; k < (f.sigResultCount[s] as number); k++) results.push(f.sigResult(s, k));
  return [params, results];
}

/**
 * lower a call whose arguments are IR operands `first..` of inst i, laid out by `layout`;
 * `callee` adds the operands that come before the arguments (the code pointer)
 */
function lowerCall(c: LowerCtx, i: number, rule: number, layout: CallLayout, first: number, callee: () => void): void {
  const f = c.f;
  const x = c.x;
  for (let k = 0; k < layout.args.length; k++) {
    const p = layout.args[k]!;
    if (p.reg >= 0) continue;
    x.inst(storeOut, i, 0, p.slot);
    c.use(f.operand(i, first + k));
  }
  x.inst(rule, i, InstFlag.CALL);
  callee();
  for (let k = 0; k < layout.args.length; k++) {
    const p = layout.args[k]!;
    if (p.reg >= 0) c.use(f.operand(i, first + k), Constraint.Fixed, p.reg);
  }
  for (let k = 0; k < layout.results.length; k++) {
    const p = layout.results[k]!;
    if (p.reg >= 0) c.def(f.result(i, k), Constraint.Fixed, p.reg);
  }
  x.m.clobber(RegClassId.Int, CALL_CLOBBERS[0]);
  x.m.clobber(RegClassId.Float, CALL_CLOBBERS[1]);
  for (let k = 0; k < layout.results.length; k++) {
    const p = layout.results[k]!;
    if (p.reg >= 0) continue;
    x.inst(loadOut, i, 0, layout.stackArgs + p.slot);
    c.def(f.result(i, k));
  }
  x.outgoing = Math.max(x.outgoing, layout.stackArgs + layout.memResults);
}

defineLowering('call', (c, i) => {
  const [params, results] = sigTypes(c, c.f.instImm1[i] as number);
  lowerCall(c, i, callDirect, kilnCC(params, results), 0, () => {});
});

defineLowering('call_indirect', (c, i) => {
  const [params, results] = sigTypes(c, c.f.instImm0[i] as number);
  lowerCall(c, i, callIndirect, kilnCC(params, results), 1, () => c.use(c.f.operand(i, 0)));
});

defineLowering('call_runtime', (c, i) => {
  const row = RUNTIME[c.f.instImm0[i] as number];
  if (row === undefined) throw new Error(`aarch64: no runtime function ${c.f.instImm0[i] as number}`);
  lowerCall(c, i, callRuntime, cCall(row.params, row.results), 0, () => {});
});
