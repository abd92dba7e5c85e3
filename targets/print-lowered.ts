/**
 * Text form of a lowered function, for `kiln explore --dump lower` and golden tests: one line
 * per machine instruction with its rule name, its operands (v<N> with kind and constraint)
 * and, per block, params and successor edges with their arguments. Target-neutral: the target
 * gives its register names and its emit rules' names.
 */

import { Constraint, RegClassId, type RegEnv } from '../compiler/regalloc/mach.js';
import type { FuncLayout, TargetFunc } from './target-func.js';

type AnyFunc = TargetFunc<FuncLayout>;

const KIND = ['use', 'def', 'early'];

function operandText(x: AnyFunc, env: RegEnv, o: number): string {
  const m = x.m;
  const v = m.opVreg[o] as number;
  const cls = m.vregClass[v] as RegClassId;
  let s = `${KIND[m.opKind[o] as number]} v${v}${cls === RegClassId.Float ? 'f' : ''}`;
  const c = m.opConstraint[o] as number;
  if (c === Constraint.Fixed) s += `@${env.regName(cls, m.opFixed[o] as number)}`;
  else if (c === Constraint.Reuse) s += `=op${m.opFixed[o] as number}`;
  else if (c === Constraint.Any) s += ':any';
  return s;
}

/** `ruleName`: the name of emit rule `id` of the target */
export function printLowered(x: AnyFunc, env: RegEnv, ruleName: (id: number) => string): string {
  const m = x.m;
  const out: string[] = [];
  for (let b = 0; b < m.blockCount; b++) {
    const params: string[] = [];
    for (let k = 0; k < (m.blockParamCount[b] as number); k++) params.push(`v${m.paramPool[(m.blockParamStart[b] as number) + k] as number}`);
    out.push(`mblock${b}${params.length > 0 ? `(${params.join(', ')})` : ''}:`);
    for (let i = m.blockFirst[b] as number; i < (m.blockEnd[b] as number); i++) {
      const ops: string[] = [];
      const start = m.instOpStart[i] as number;
      for (let o = start; o < start + (m.instOpCount[i] as number); o++) ops.push(operandText(x, env, o));
      const clob = (m.instClobber[0][i] as number) !== 0 ? ' clobbers' : '';
      const aux = `[${x.aux0[i] as number},${x.aux1[i] as number},${x.aux2[i] as number}]`;
      out.push(`  ${i}: ${ruleName(x.rule[i] as number)}${aux} ${ops.join(', ')}${clob}`.trimEnd());
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
