/**
 * Validation of one function body (spec §3.4.1 "Functions", §3.3 "Instructions"), driven by
 * the opcode table: for each instruction, first the check of its immediates (by immediate
 * kind), then either its named typing rule (rules.ts) or its fixed stack signature
 * (OpInfo.params / OpInfo.results). The algorithm is the spec appendix's (§A.3).
 */

import { OPCODES } from '../../formats/wasm/opcodes.js';
import type { Code, FuncType, Instr, LocalGroup, ValType } from '../../formats/wasm/types.js';
import { IMM_CHECK, RULES } from './rules.js';
import { BodyState, FrameKind } from './state.js';
import { InstrCursor } from '../../formats/wasm/code-body.js';

const NONE: readonly ValType[] = [];
const PARAMS: readonly (readonly ValType[] | null)[] = OPCODES.map((o) => o.params);
const RESULTS: readonly (readonly ValType[] | null)[] = OPCODES.map((o) => o.results);
/** reads bodies without materialising them (formats/wasm/code-body.ts); `s.ins` is only read while failing */
const cursor = new InstrCursor(false);

/**
 * Validate `code` as the body of function `funcIdx` of type `type`; throws KilnError('invalid').
 * The body must end with the function's final `end` instruction (both the decoder and the
 * text parser emit it).
 */
export function validateBody(s: BodyState, funcIdx: number, type: FuncType, code: Code): void {
  beginBody(s, funcIdx, type, code.locals);
  s.code = code;
  const cur = cursor;
  cur.reset(code);
  while (cur.next()) {
    if (step(s, cur.ins)) {
      if (cur.next()) {
        s.ins = cur.ins;
        s.fail('instructions after the end of the function');
      }
      return;
    }
  }
  // every Expr ends with its `end` (decoder and text parser both emit it)
  s.fail('missing end at the end of the function');
}

/** Reset `s` for the body of function `funcIdx` (its locals and the function's frame). */
export function beginBody(s: BodyState, funcIdx: number, type: FuncType, locals: readonly LocalGroup[]): void {
  s.funcIdx = funcIdx;
  s.ins = null;
  s.code = null;
  s.setLocals(type.params, locals);
  s.returnTypes = type.results;
  s.height = 0;
  s.depth = 0;
  s.pushCtrl(FrameKind.Func, NONE, type.results);
}

/** Validate one instruction; true when it closed the function's outermost block. */
export function step(s: BodyState, ins: Instr): boolean {
  const op = ins.op;
  s.ins = ins;
  const check = IMM_CHECK[op];
  if (check !== undefined) check(s, ins);
  const params = PARAMS[op];
  if (params !== null && params !== undefined) {
    // fixed signature: pop params (last first), push results
    for (let j = params.length - 1; j >= 0; j--) s.popExpect(params[j]!);
    const results = RESULTS[op]!;
    for (let j = 0; j < results.length; j++) s.push(results[j]!);
    return false;
  }
  const rule = RULES[op];
  if (rule === undefined) s.fail(`unknown opcode id ${op}`);
  rule(s, ins);
  return s.depth === 0;
}
