/**
 * Which values hold wasm references (Func.valueRef), completed from the places references
 * enter a function — params, call results, global reads, table reads and `ref.func`, which
 * the frontend marks — along the ways they flow inside it: `copy`, `select` and block
 * arguments (a block param receiving a reference on any edge holds one). A fixpoint over the
 * placed blocks; a param that meets both kinds is an externref param fed a funcref, which
 * wasm's types forbid, so the first kind seen stays.
 */

import { OPCODES } from './opcodes.js';
import { NO, RefKind, type Func } from './func.js';

const enum Flow {
  None = 0,
  /** result 0 from operand 0 */
  Copy = 1,
  /** result 0 from operands 1 and 2 */
  Select = 2,
  /** the block calls imm0 .. imm0 + imm1 pass args to params */
  Branch = 3,
}

const FLOW = new Uint8Array(OPCODES.length);
for (const r of OPCODES) {
  if (r.base === 'copy') FLOW[r.id] = Flow.Copy;
  else if (r.base === 'select') FLOW[r.id] = Flow.Select;
  else if (r.imm === 'jump' || r.imm === 'brif' || r.imm === 'br_table') FLOW[r.id] = Flow.Branch;
}

/** spread reference marks until nothing changes; returns whether any value holds a reference */
export function propagateRefs(f: Func): boolean {
  const ref = f.valueRef;
  let any = false;
  for (let v = 0; v < f.valueCount; v++) if (ref[v] !== RefKind.None) any = true;
  if (!any) return false;
  const take = (dst: number, src: number): boolean => {
    if (ref[dst] !== RefKind.None || ref[src] === RefKind.None) return false;
    ref[dst] = ref[src] as number;
    return true;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let b = f.firstBlock; b !== NO; b = f.blockNext[b] as number) {
      for (let i = f.blockFirst[b] as number; i !== NO; i = f.instNext[i] as number) {
        const flow = FLOW[f.instOp[i] as number];
        if (flow === Flow.Copy) changed = take(f.result(i, 0), f.operand(i, 0)) || changed;
        else if (flow === Flow.Select) {
          changed = take(f.result(i, 0), f.operand(i, 1)) || changed;
          changed = take(f.result(i, 0), f.operand(i, 2)) || changed;
        } else if (flow === Flow.Branch) {
          const first = f.instImm0[i] as number;
          for (let c = first; c < first + (f.instImm1[i] as number); c++) {
            const target = f.callBlock[c] as number;
            for (let k = 0; k < (f.callArgCount[c] as number); k++) changed = take(f.blockParam(target, k), f.callArg(c, k)) || changed;
          }
        }
      }
    }
  }
  return true;
}
