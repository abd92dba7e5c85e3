/**
 * Folding of address computations into memory operands.
 *
 * Requires: a verified function. Produces: a load or store whose address is
 * `ptradd base, c` with a constant index c addresses `base` directly, with c (zero-extended,
 * as ptradd does) added to its constant offset: `load (ptradd base, 16)+4` becomes
 * `load base+20`. The address is the same number, so the access and its trap are unchanged.
 * The ptradd is left for DCE when nothing else uses it. Invalidates: use counts.
 *
 * Not folded: `ptradd base, (iadd x, c)`, since the 32-bit add wraps before the zero
 * extension and base + zext(x) + c is a different address when it does; and offsets that
 * would not fit in 63 bits.
 */

import { Func, NO, ValueKind } from '../ir/func.js';
import { OPCODES } from '../ir/opcodes.js';
import { Type } from '../ir/types.js';
import { splitImm64, uimm64 } from '../ir/view.js';
import type { PassContext } from './context.js';
import { intConst } from './fold-values.js';

/** per opcode: 1 for loads and stores (operand 0 is the address) */
const ACCESS = new Uint8Array(OPCODES.length);
/** per opcode: the width of a ptradd's index (32 or 64), else 0 */
const PTRADD = new Uint8Array(OPCODES.length);
for (const r of OPCODES) {
  if (r.imm === 'offset' && r.operands[0] === Type.PTR) ACCESS[r.id] = 1;
  if (r.base === 'ptradd') PTRADD[r.id] = r.from === Type.I64 ? 64 : 32;
}

const LIMIT = 1n << 63n;

/** fold constant address parts; returns the number of accesses rewritten */
export function foldAddresses(f: Func, _ctx: PassContext): number {
  let changed = 0;
  for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
    for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) {
      if (ACCESS[f.instOp[i] as number] !== 1) continue;
      const addr = f.operand(i, 0);
      if (f.valueKind[addr] !== ValueKind.Result) continue;
      const d = f.valueDef[addr] as number;
      const w = PTRADD[f.instOp[d] as number] as number;
      if (w === 0) continue;
      const c = intConst(f, f.operand(d, 1));
      if (c === null) continue;
      const offset = uimm64(f, i) + BigInt.asUintN(w, c);
      if (offset >= LIMIT) continue;
      const [lo, hi] = splitImm64(offset);
      f.instImm0[i] = lo;
      f.instImm1[i] = hi;
      f.setOperand(i, 0, f.operand(d, 0));
      changed++;
    }
  }
  return changed;
}
