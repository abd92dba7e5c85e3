/**
 * IR verifier: checks a Func against the rules every pass must preserve, and throws
 * KilnError('invalid') naming the function, block and instruction (printed form) of the first
 * violation. Rules, in the order they are checked:
 * 1. the function has an entry block whose params match the signature's params;
 * 2. every block in the layout ends in exactly one terminator and has none before it;
 * 3. every value is defined once (the store's def record agrees with where it appears);
 * 4. immediates are in range (condition and trap codes, signatures, runtime functions);
 * 5. result and operand counts and types match the table (or the callee's signature), and
 *    `return` values match the signature's results;
 * 6. block calls target placed blocks other than the entry, with args matching the target's
 *    params in number and type;
 * 7. every use is dominated by its definition (a result defined earlier in the same block,
 *    or in a dominating block; a block param in a dominating block). Dominators: dominators.ts
 *    (Cooper–Harvey–Kennedy). Uses in blocks unreachable from the entry are checked only
 *    against definitions in their own block.
 */

import { KilnError } from '../../formats/errors.js';
import { FLOATCC_NAMES, INTCC_NAMES } from './conds.js';
import { DomTree } from './dominators.js';
import { Func, NO, ValueKind } from './func.js';
import { funcName, printInst } from './printer.js';
import { TRAP_CODE_COUNT } from './traps.js';
import { typeName, type Type } from './types.js';
import {
  blockInsts,
  blockOrder,
  blockParams,
  callArgs,
  expectedOperands,
  expectedResults,
  instCalls,
  instOperands,
  instResults,
  rowOf,
} from './view.js';
import { Effect } from './effects.js';

const types = (ts: readonly number[]): string => `(${ts.map(typeName).join(', ')})`;
const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

class Checker {
  readonly dom = new DomTree();
  /** per value: defining block, and position in it (-1 for a param); block -1 = not defined */
  defBlock = new Int32Array(0);
  defPos = new Int32Array(0);
  /** per instruction: position in its block */
  instPos = new Int32Array(0);

  constructor(readonly f: Func) {}

  fail(reason: string, b = NO, inst = NO): never {
    const where = [`function ${funcName(this.f.name)}`];
    if (b !== NO) where.push(`block${b}`);
    if (inst !== NO) where.push(`\`${printInst(this.f, inst)}\``);
    throw new KilnError('invalid', `${where.join(', ')}: ${reason}`);
  }

  run(): void {
    const f = this.f;
    this.entry();
    const order = blockOrder(f);
    for (const b of order) this.terminators(b);
    this.definitions(order);
    for (const b of order) for (const i of blockInsts(f, b)) this.immediates(b, i);
    for (const b of order) for (const i of blockInsts(f, b)) this.typesOf(b, i);
    for (const b of order) for (const i of blockInsts(f, b)) this.blockCalls(b, i);
    this.dom.compute(f);
    for (const b of order) for (const i of blockInsts(f, b)) this.dominance(b, i);
  }

  /** rule 1 */
  entry(): void {
    const f = this.f;
    if (f.firstBlock === NO) this.fail('has no blocks');
    const ps = blockParams(f, f.firstBlock).map((v) => f.valueType[v] as number);
    if (ps.length !== f.params.length || ps.some((t, k) => t !== f.params[k])) {
      this.fail(`entry block params ${types(ps)} do not match the signature's params ${types(f.params)}`, f.firstBlock);
    }
  }

  /** rule 2 */
  terminators(b: number): void {
    const insts = blockInsts(this.f, b);
    const last = insts[insts.length - 1];
    if (last === undefined) this.fail('is empty (a block ends in a terminator)', b);
    insts.forEach((i) => {
      const term = (rowOf(this.f, i).effects & Effect.TERMINATOR) !== 0;
      if (term && i !== last) this.fail('terminator before the end of the block', b, i);
      if (!term && i === last) this.fail('the block does not end in a terminator', b, i);
    });
  }

  /** rule 3; also records where each value is defined */
  definitions(order: readonly number[]): void {
    const f = this.f;
    this.defBlock = new Int32Array(f.valueCount).fill(NO);
    this.defPos = new Int32Array(f.valueCount);
    this.instPos = new Int32Array(f.instCount);
    const define = (v: number, kind: number, def: number, num: number, b: number, pos: number, inst: number): void => {
      if (v < 0 || v >= f.valueCount) this.fail(`defines v${v}, which is not a value of the store`, b, inst);
      const ok = f.valueKind[v] === kind && f.valueDef[v] === def && f.valueNum[v] === num;
      if (!ok || this.defBlock[v] !== NO) this.fail(`v${v} is defined more than once`, b, inst);
      this.defBlock[v] = b;
      this.defPos[v] = pos;
    };
    for (const b of order) {
      blockParams(f, b).forEach((v, k) => define(v, ValueKind.Param, b, k, b, -1, NO));
      blockInsts(f, b).forEach((i, pos) => {
        this.instPos[i] = pos;
        instResults(f, i).forEach((v, k) => define(v, ValueKind.Result, i, k, b, pos, i));
      });
    }
  }

  /** rule 4 (signature indices and runtime ids are checked with the types, rule 5) */
  immediates(b: number, i: number): void {
    const f = this.f;
    const row = rowOf(f, i);
    const imm = f.instImm0[i] as number;
    if (row.imm === 'intcc' && (imm < 0 || imm >= INTCC_NAMES.length)) this.fail(`bad condition code ${imm}`, b, i);
    if (row.imm === 'floatcc' && (imm < 0 || imm >= FLOATCC_NAMES.length)) this.fail(`bad condition code ${imm}`, b, i);
    if (row.imm === 'trapcode' && (imm < 0 || imm >= TRAP_CODE_COUNT)) this.fail(`bad trap code ${imm}`, b, i);
    const calls = instCalls(f, i).length;
    const want = row.imm === 'jump' ? 1 : row.imm === 'brif' ? 2 : -1;
    if (want >= 0 && calls !== want) this.fail(`has ${count(calls, 'block call')}, expected ${want}`, b, i);
    if (row.imm === 'br_table' && calls < 1) this.fail('has no default block', b, i);
  }

  /** rule 5 */
  typesOf(b: number, i: number): void {
    const f = this.f;
    const row = rowOf(f, i);
    const wantRes = expectedResults(f, i);
    const wantOps = expectedOperands(f, i);
    if (wantRes === null || wantOps === null) {
      const what = row.imm === 'runtime' ? `runtime function ${f.instImm0[i]}` : 'signature';
      this.fail(`no such ${what}`, b, i);
    }
    const res = instResults(f, i);
    if (res.length !== wantRes.length) this.fail(`defines ${count(res.length, 'result')}, expected ${wantRes.length}`, b, i);
    res.forEach((v, k) => this.typeIs(`result ${k}`, v, wantRes[k] as Type, b, i));
    const ops = instOperands(f, i);
    for (const v of ops) this.defined(v, b, i);
    if (row.name === 'return') {
      const got = ops.map((v) => (v >= 0 && v < f.valueCount ? (f.valueType[v] as number) : -1));
      if (got.length !== wantOps.length || got.some((t, k) => t !== wantOps[k])) {
        this.fail(`returns ${types(got)}, the signature's results are ${types(wantOps)}`, b, i);
      }
      return;
    }
    if (ops.length !== wantOps.length) this.fail(`has ${count(ops.length, 'operand')}, expected ${wantOps.length}`, b, i);
    ops.forEach((v, k) => this.typeIs(`operand ${k}`, v, wantOps[k] as Type, b, i));
  }

  defined(v: number, b: number, i: number): void {
    if (v < 0 || v >= this.f.valueCount || this.defBlock[v] === NO) this.fail(`v${v} is used but not defined`, b, i);
  }

  typeIs(what: string, v: number, want: Type, b: number, i: number): void {
    if (v < 0 || v >= this.f.valueCount) this.fail(`${what} is missing`, b, i);
    const got = this.f.valueType[v] as number;
    if (got !== want) this.fail(`${what} (v${v}) is ${typeName(got)}, expected ${typeName(want)}`, b, i);
  }

  /** rule 6 */
  blockCalls(b: number, i: number): void {
    const f = this.f;
    for (const c of instCalls(f, i)) {
      const t = f.callBlock[c] as number;
      if (t < 0 || t >= f.blockCount || f.blockPlaced[t] !== 1) this.fail(`block${t} is not in the layout`, b, i);
      if (t === f.firstBlock) this.fail(`block${t} is the entry block, which cannot be a branch target`, b, i);
      const args = callArgs(f, c);
      const params = blockParams(f, t);
      if (args.length !== params.length) {
        this.fail(`passes ${count(args.length, 'argument')} to block${t}, which has ${count(params.length, 'param')}`, b, i);
      }
      for (const v of args) this.defined(v, b, i);
      args.forEach((v, k) => this.typeIs(`argument ${k} to block${t}`, v, f.valueType[params[k] as number] as Type, b, i));
    }
  }

  /** rule 7 */
  dominance(b: number, i: number): void {
    const f = this.f;
    const uses = [...instOperands(f, i), ...instCalls(f, i).flatMap((c) => callArgs(f, c))];
    for (const v of uses) {
      this.defined(v, b, i);
      const db = this.defBlock[v] as number;
      const ok =
        db === b ? (this.defPos[v] as number) < (this.instPos[i] as number) : !this.dom.reachable(b) || this.dom.dominates(db, b);
      if (!ok) this.fail(`v${v} is used where its definition does not dominate the use`, b, i);
    }
  }
}

/** check `f`; throws KilnError('invalid') on the first rule it breaks */
export function verify(f: Func): void {
  new Checker(f).run();
}
