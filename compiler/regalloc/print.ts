/**
 * `kiln explore --dump regalloc`: the allocated machine function as text, one line per
 * instruction with each operand's vreg and allocation, the edits before and after it on their
 * own lines, and each block's params and out-edges.
 *
 *   b1(v4, v5):
 *       move rax -> [1]
 *     i7: def v9=rcx (reuse 0), use v4=rcx, use v5=[0] (any)
 *       remat i2 -> rdx
 *     i8 term: -> b2(v9)
 */

import { Allocation, Constraint, EditKind, InstFlag, isSlot, slotOf, type MachFunc, type RegClassId, type RegEnv } from './mach.js';

const KIND = ['use', 'def', 'earlydef'];

export function printAllocation(f: MachFunc, env: RegEnv, out: Allocation): string {
  const lines: string[] = [];
  const where = (cls: number, a: number): string => (isSlot(a) ? `[${slotOf(a)}]` : env.regName(cls as RegClassId, a));
  let e = 0;
  const editsAt = (point: number): void => {
    while (e < out.editCount && out.editPoint[e] < point) e++;
    for (; e < out.editCount && out.editPoint[e] === point; e++) {
      const cls = out.editClass[e];
      const from = out.editKind[e] === EditKind.Remat ? `i${out.editFrom[e]}` : where(cls, out.editFrom[e]);
      lines.push(`      ${out.editKind[e] === EditKind.Remat ? 'remat' : 'move'} ${from} -> ${where(cls, out.editTo[e])}`);
    }
  };
  lines.push(`spill slots: ${out.spillSlots}`);
  for (let b = 0; b < f.blockCount; b++) {
    const params: string[] = [];
    for (let k = 0; k < f.blockParamCount[b]; k++) params.push(`v${f.paramPool[f.blockParamStart[b] + k]}`);
    lines.push(`  b${b}(${params.join(', ')}):`);
    for (let i = f.blockFirst[b]; i < f.blockEnd[b]; i++) {
      editsAt(2 * i);
      const ops: string[] = [];
      for (let o = f.instOpStart[i]; o < f.instOpStart[i] + f.instOpCount[i]; o++) {
        const v = f.opVreg[o];
        const c = f.opConstraint[o];
        const note = c === Constraint.Fixed ? ' (fixed)' : c === Constraint.Reuse ? ` (reuse ${f.opFixed[o]})` : c === Constraint.Any ? ' (any)' : '';
        ops.push(`${KIND[f.opKind[o]] ?? '?'} v${v}=${where(f.vregClass[v], out.opAlloc[o])}${note}`);
      }
      const flags = f.instFlags[i];
      const tags = `${flags & InstFlag.TERM ? ' term' : ''}${flags & InstFlag.MOVE ? ' move' : ''}${flags & InstFlag.CALL ? ' call' : ''}`;
      const clob: string[] = [];
      for (let c = 0; c < 2; c++) {
        const m = f.instClobber[c as RegClassId][i];
        for (let r = 0; r < 32; r++) if ((m >>> r) & 1) clob.push(env.regName(c as RegClassId, r));
      }
      let line = `    i${i}${tags}: ${ops.join(', ')}`;
      if (clob.length > 0) line += ` clobbers ${clob.join(' ')}`;
      if (flags & InstFlag.TERM) {
        const succs: string[] = [];
        for (let s = f.blockSuccStart[b]; s < f.blockSuccStart[b] + f.blockSuccCount[b]; s++) {
          const args: string[] = [];
          for (let k = 0; k < f.edgeArgCount[s]; k++) args.push(`v${f.edgeArgPool[f.edgeArgStart[s] + k]}`);
          succs.push(`b${f.edgeTarget[s]}(${args.join(', ')})`);
        }
        if (succs.length > 0) line += ` -> ${succs.join(', ')}`;
      }
      lines.push(line.replace(/: $/, ''));
      editsAt(2 * i + 1);
    }
  }
  return lines.join('\n') + '\n';
}
