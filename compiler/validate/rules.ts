/**
 * Typing rules of the instructions whose type is not a fixed stack signature (spec §3.3
 * "Instructions": control §3.3.8, reference §3.3.2, parametric §3.3.4, variable §3.3.5,
 * table §3.3.6), written after the spec appendix's algorithm (§A.3), plus the checks on
 * immediates (indices, alignment, lanes) keyed by the opcode table's immediate kind.
 *
 * Everything else — the numeric, vector and memory instructions — is typed by the opcode
 * table's `params`/`results` in code.ts. Both tables are indexed by op id (OPCODES).
 */

import { OP, OPCODES, type ImmKind } from '../../formats/wasm/opcodes.js';
import { ValType, isRefType, type Instr } from '../../formats/wasm/types.js';
import { blockTypeOf, type BlockType } from './module-info.js';
import { BodyState, FrameKind, UNKNOWN } from './state.js';

export type Rule = (s: BodyState, ins: Instr) => void;

// ---------------------------------------------------------------------------------------
// Index and immediate checks, by immediate kind (run before the typing rule or signature)
// ---------------------------------------------------------------------------------------

function checkMem(s: BodyState, idx: number): void {
  if (idx >= s.info.mems.length) s.fail(`unknown memory ${idx}`);
}
/** C.datas comes from the data count section when there is one (spec §3.4.10); bodies may be
 * validated while decoding, before the data section itself */
function checkData(s: BodyState, idx: number): void {
  if (idx >= (s.m.dataCount ?? s.m.datas.length)) s.fail(`unknown data segment ${idx}`);
}
function checkElem(s: BodyState, idx: number): ValType {
  const e = s.m.elems[idx];
  if (e === undefined) s.fail(`unknown elem segment ${idx}`);
  return e.type;
}
/** element type of table `idx`, failing with "unknown table" */
function tableElem(s: BodyState, idx: number): ValType {
  const t = s.info.tables[idx];
  if (t === undefined) s.fail(`unknown table ${idx}`);
  return t.elem;
}
function checkAlign(s: BodyState, ins: Instr): void {
  const natural = (OPCODES[ins.op] as { align: number }).align;
  if (ins.a > natural) s.fail('alignment must not be larger than natural', `2^${ins.a} > ${1 << natural}`);
}
function checkLane(s: BodyState, ins: Instr, lane: number): void {
  const lanes = (OPCODES[ins.op] as { lanes: number }).lanes;
  if (lane >= lanes) s.fail('invalid lane index', `${lane} >= ${lanes}`);
}

const IMM_CHECKS: Partial<Record<ImmKind, Rule>> = {
  memarg: (s, ins) => {
    checkMem(s, 0);
    checkAlign(s, ins);
  },
  memarg_lane: (s, ins) => {
    checkMem(s, 0);
    checkAlign(s, ins);
    checkLane(s, ins, ins.c);
  },
  memory: (s, ins) => checkMem(s, ins.a),
  memory_fill: (s, ins) => checkMem(s, ins.a),
  memory_copy: (s, ins) => {
    checkMem(s, ins.a);
    checkMem(s, ins.b);
  },
  memory_init: (s, ins) => {
    checkMem(s, ins.b);
    checkData(s, ins.a);
  },
  data: (s, ins) => checkData(s, ins.a),
  lane: (s, ins) => checkLane(s, ins, ins.a),
  shuffle: (s, ins) => {
    const lanes = ins.x as Uint8Array | number[];
    for (let i = 0; i < lanes.length; i++) {
      if ((lanes[i] as number) >= 32) s.fail('invalid lane index', `${lanes[i]} >= 32`);
    }
  },
  table: (s, ins) => {
    tableElem(s, ins.a);
  },
  table_init: (s, ins) => {
    const t = tableElem(s, ins.b);
    const e = checkElem(s, ins.a);
    if (t !== e) s.fail('type mismatch', `elem segment ${ins.a} is not of the table's element type`);
  },
  table_copy: (s, ins) => {
    const dst = tableElem(s, ins.a);
    const src = tableElem(s, ins.b);
    if (dst !== src) s.fail('type mismatch', `tables ${ins.a} and ${ins.b} have different element types`);
  },
  elem: (s, ins) => {
    checkElem(s, ins.a);
  },
};

// ---------------------------------------------------------------------------------------
// Named typing rules
// ---------------------------------------------------------------------------------------

function blockType(s: BodyState, a: number): BlockType {
  const bt = blockTypeOf(s.m, a);
  if (bt === undefined) s.fail(a >= 0 ? `unknown type ${a}` : 'invalid block type');
  return bt;
}

function funcType(s: BodyState, funcIdx: number): BlockType {
  const ti = s.info.funcTypeIdx[funcIdx];
  if (ti === undefined) s.fail(`unknown function ${funcIdx}`);
  const ft = s.m.types[ti];
  if (ft === undefined) s.fail(`unknown type ${ti}`);
  return ft;
}

function globalType(s: BodyState, idx: number): { type: ValType; mutable: boolean } {
  const g = s.info.globals[idx];
  if (g === undefined) s.fail(`unknown global ${idx}`);
  return g;
}

/** the end of an if without else: as if an empty else followed, so params must equal results */
function endIf(s: BodyState, d: number): void {
  const params = s.ctrlParams[d] as readonly ValType[];
  const results = s.ctrlResults[d] as readonly ValType[];
  s.pushCtrl(FrameKind.Else, params, results);
  s.popCtrl();
}

const rules: Array<[number, Rule]> = [
  [OP.unreachable, (s) => s.setUnreachable()],
  [
    OP.block,
    (s, ins) => {
      const bt = blockType(s, ins.a);
      s.popVals(bt.params);
      s.pushCtrl(FrameKind.Block, bt.params, bt.results);
    },
  ],
  [
    OP.loop,
    (s, ins) => {
      const bt = blockType(s, ins.a);
      s.popVals(bt.params);
      s.pushCtrl(FrameKind.Loop, bt.params, bt.results);
    },
  ],
  [
    OP.if,
    (s, ins) => {
      const bt = blockType(s, ins.a);
      s.popExpect(ValType.I32);
      s.popVals(bt.params);
      s.pushCtrl(FrameKind.If, bt.params, bt.results);
    },
  ],
  [
    OP.else,
    (s) => {
      if (s.depth === 0 || s.ctrlKind[s.depth - 1] !== FrameKind.If) s.fail('else without matching if');
      const d = s.popCtrl();
      s.pushCtrl(FrameKind.Else, s.ctrlParams[d] as readonly ValType[], s.ctrlResults[d] as readonly ValType[]);
    },
  ],
  [
    OP.end,
    (s) => {
      const d = s.popCtrl();
      if (s.ctrlKind[d] === FrameKind.If) endIf(s, d);
      s.pushVals(s.ctrlResults[d] as readonly ValType[]);
    },
  ],
  [
    OP.br,
    (s, ins) => {
      s.popVals(s.labelTypes(s.label(ins.a)));
      s.setUnreachable();
    },
  ],
  [
    OP.br_if,
    (s, ins) => {
      const types = s.labelTypes(s.label(ins.a));
      s.popExpect(ValType.I32);
      s.popVals(types);
      s.pushVals(types);
    },
  ],
  [OP.br_table, brTable],
  [
    OP.return,
    (s) => {
      s.popVals(s.returnTypes);
      s.setUnreachable();
    },
  ],
  [
    OP.call,
    (s, ins) => {
      const ft = funcType(s, ins.a);
      s.popVals(ft.params);
      s.pushVals(ft.results);
    },
  ],
  [
    OP.call_indirect,
    (s, ins) => {
      if (tableElem(s, ins.b) !== ValType.FuncRef) s.fail('type mismatch', `table ${ins.b} is not a funcref table`);
      const ft = s.m.types[ins.a];
      if (ft === undefined) s.fail(`unknown type ${ins.a}`);
      s.popExpect(ValType.I32);
      s.popVals(ft.params);
      s.pushVals(ft.results);
    },
  ],

  // ---- reference ----
  [OP.ref_null, (s, ins) => s.push(ins.a)],
  [
    OP.ref_is_null,
    (s) => {
      const t = s.pop();
      if (t !== UNKNOWN && !isRefType(t)) s.mismatch(ValType.FuncRef, t);
      s.push(ValType.I32);
    },
  ],
  [
    OP.ref_func,
    (s, ins) => {
      funcType(s, ins.a);
      if (s.refs[ins.a] !== 1) s.fail(`undeclared function reference ${ins.a}`);
      s.push(ValType.FuncRef);
    },
  ],

  // ---- parametric ----
  [OP.drop, (s) => void s.pop()],
  [
    OP.select,
    (s) => {
      s.popExpect(ValType.I32);
      const t1 = s.pop();
      const t2 = s.pop();
      if (isRefType(t1) || isRefType(t2)) s.fail('type mismatch', 'untyped select needs numeric or vector operands');
      if (t1 !== t2 && t1 !== UNKNOWN && t2 !== UNKNOWN) s.mismatch(t1, t2);
      s.push(t1 === UNKNOWN ? t2 : t1);
    },
  ],
  [
    OP.select_t,
    (s, ins) => {
      const ts = (ins.x as number[] | null) ?? [];
      if (ts.length !== 1) s.fail('invalid result arity', `select has ${ts.length} result types`);
      const t = ts[0] as number;
      s.popExpect(ValType.I32);
      s.popExpect(t);
      s.popExpect(t);
      s.push(t);
    },
  ],

  // ---- variable ----
  [OP.local_get, (s, ins) => s.push(s.localType(ins.a))],
  [OP.local_set, (s, ins) => void s.popExpect(s.localType(ins.a))],
  [
    OP.local_tee,
    (s, ins) => {
      const t = s.localType(ins.a);
      s.popExpect(t);
      s.push(t);
    },
  ],
  [OP.global_get, (s, ins) => s.push(globalType(s, ins.a).type)],
  [
    OP.global_set,
    (s, ins) => {
      const g = globalType(s, ins.a);
      if (!g.mutable) s.fail('global is immutable', `global ${ins.a}`);
      s.popExpect(g.type);
    },
  ],

  // ---- table (the index was checked by IMM_CHECKS.table) ----
  [
    OP.table_get,
    (s, ins) => {
      s.popExpect(ValType.I32);
      s.push(tableElem(s, ins.a));
    },
  ],
  [
    OP.table_set,
    (s, ins) => {
      s.popExpect(tableElem(s, ins.a));
      s.popExpect(ValType.I32);
    },
  ],
  [
    OP.table_grow,
    (s, ins) => {
      s.popExpect(ValType.I32);
      s.popExpect(tableElem(s, ins.a));
      s.push(ValType.I32);
    },
  ],
  [
    OP.table_fill,
    (s, ins) => {
      s.popExpect(ValType.I32);
      s.popExpect(tableElem(s, ins.a));
      s.popExpect(ValType.I32);
    },
  ],
];

/**
 * br_table (spec appendix §A.3): every label must carry as many values as the default one,
 * and the operands must match each label's types; on a polymorphic stack the operands are
 * popped and pushed back per label so that unknown values stay unknown.
 */
function brTable(s: BodyState, ins: Instr): void {
  s.popExpect(ValType.I32);
  const labels = ins.x as number[];
  const dflt = s.label(ins.a);
  const arity = s.labelTypes(dflt).length;
  for (let i = 0; i < labels.length; i++) {
    const types = s.labelTypes(s.label(labels[i] as number));
    if (types.length !== arity) s.fail('type mismatch', `br_table labels carry ${types.length} and ${arity} values`);
    if (s.scratch.length < arity) s.scratch = new Uint8Array(arity * 2);
    const scratch = s.scratch;
    for (let j = arity - 1; j >= 0; j--) scratch[j] = s.popExpect(types[j] as number);
    for (let j = 0; j < arity; j++) s.push(scratch[j] as number);
  }
  s.popVals(s.labelTypes(dflt));
  s.setUnreachable();
}

/** typing rule by op id, undefined for instructions typed by their fixed signature */
export const RULES: readonly (Rule | undefined)[] = (() => {
  const table = new Array<Rule | undefined>(OPCODES.length).fill(undefined);
  for (const [op, rule] of rules) table[op] = rule;
  for (const info of OPCODES) {
    if ((info.params === null) !== (table[info.id] !== undefined)) {
      throw new Error(`validator: ${info.name} needs exactly one of a signature and a typing rule`);
    }
  }
  return table;
})();

/** immediate check by op id, undefined when the immediates need no check */
export const IMM_CHECK: readonly (Rule | undefined)[] = OPCODES.map((info) => IMM_CHECKS[info.imm]);
