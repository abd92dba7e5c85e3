/**
 * Text form of a lowered function, for `kiln explore --dump lower` and golden tests: one line
 * per machine instruction with its rule name, its operands (v<N> with kind and constraint)
 * and, per block, params and successor edges with their arguments.
 */

import type { Func } from '../../compiler/ir/func.js';
import { Constraint, RegClassId } from '../../compiler/regalloc/mach.js';
import { AARCH64_ENV } from './abi.js';
import type { A64Func } from './mfunc.js';
import { emitRule } from './rules/rule.js';

const KIND = ['use', 'def', 'early'];

function operandText(x: A64Func, o: number): string {
  const m = x.m;
  const v = m.opVreg[o] as number;
  const cls = m.vregClass[v] as RegClassId;
  let s = `${KIND[m.opKind[o] as number]} v${v}${cls === RegClassId.Float ? 'f' : ''}`;
  const c = m.opConstraint[o] as number;
  if (c === Constraint.Fixed) s += `@${AARCH64_ENV.regName(cls, m.opFixed[o] as number)}`;
  else if (c === Constraint.Reuse) s += `=op${m.opFixed[o] as number}`;
  else if (c === Constraint.Any) s += ':any';
  return s;
}

export function printLowered(_f: Func, x: A64Func): string {
  const m = x.m;
  const out: string[] = [];
  for (let b = 0; b < m.blockCount; b++) {
    const params: string[] = [];
    for (let k = 0; k < (m.blockParamCount[b] as number); k++) params.push(`v${m.paramPool[(m.blockParamStart[b] as number) + k] as number}`);
    out.push(`mblock${b}${params.length > 0 ? `(${params.join(', ')})` : ''}:`);
    for (let i = m.blockFirst[b] as number; i < (m.blockEnd[b] as number); i++) {
      const ops: string[] = [];
      const start = m.instOpStart[i] as number;
      for (let o = start; o < start + (m.instOpCount[i] as number); o++) ops.push(operandText(x, o));
      const clob = (m.instClobber[0][i] as number) !== 0 ? ' clobbers' : '';
      const aux = `[${x.aux0[i] as number},${x.aux1[i] as number},${x.aux2[i] as number}]`;
      out.push(`  ${i}: ${emitRule(x.rule[i] as number).name}${aux} ${ops.join(', ')}${clob}`.trimEnd());
    }
    const succs: string[] = [];
    for (let e = m.blockSuccStart[b] as number; e < (m.blockSuccStart[b] as number) + (m.blockSuccCount[b] as number); e++) {
      const args: string[] = [];
      for (let k = 0; k < (m.edgeArgCount[e] as number); k++) args.push(`v${m.edgeArgPool[(m.edgeArgStart[e] as number) + k] as number}`);
      succs.push(`mblock${m.edgeTarget[e] as number}${args.length > 0 ? `(${args.join(', ')})` : ''}`);
    }
    if (succs.length > 0) out.push(`  -> ${succs.join(', ')}`);
  }
  return out.join('\n') + '\n';
}
