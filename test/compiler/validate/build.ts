/**
 * Test helpers for the validator: build Module objects and instruction lists directly
 * (no decoder or text parser involved) and capture the KilnError a module is rejected with.
 */

import { KilnError } from '../../../formats/errors.js';
import { opByName, OP } from '../../../formats/wasm/opcodes.js';
import {
  emptyModule,
  makeInstr,
  ValType,
  type FuncType,
  type Instr,
  type LocalGroup,
  type Module,
} from '../../../formats/wasm/types.js';
import { validateModule } from '../../../compiler/validate/index.js';

export const { I32, I64, F32, F64, V128, FuncRef, ExternRef } = {
  I32: ValType.I32,
  I64: ValType.I64,
  F32: ValType.F32,
  F64: ValType.F64,
  V128: ValType.V128,
  FuncRef: ValType.FuncRef,
  ExternRef: ValType.ExternRef,
} as const;

/** An instruction by text name; `select_t` names the typed select. */
export function ins(name: string, a = 0, b = 0, x: Instr['x'] = null, c = 0): Instr {
  const op = name === 'select_t' ? OP.select_t : opByName(name)?.id;
  if (op === undefined) throw new Error(`no opcode ${name}`);
  return makeInstr(op, a, b, x, -1, c);
}

/** Body instructions with offsets 100, 101, ... and the final `end` appended. */
export function body(...instrs: Instr[]): Instr[] {
  const all = [...instrs, ins('end')];
  all.forEach((i, k) => (i.offset = 100 + k));
  return all;
}

export const ft = (params: ValType[], results: ValType[]): FuncType => ({ params, results });

/**
 * A module whose function 0 (after any imported functions) has type `type` and body `code`;
 * `extra` adds or overrides module fields (its `types` are appended after the function's).
 */
export function withFunc(type: FuncType, code: Instr[], locals: LocalGroup[] = [], extra: Partial<Module> = {}): Module {
  const m = { ...emptyModule(), ...extra };
  m.types = [type, ...(extra.types ?? [])];
  m.funcs = [0, ...(extra.funcs ?? [])];
  m.codes = [{ locals, body: code, offset: -1, size: 0 }, ...(extra.codes ?? [])];
  return m;
}

/** the error validateModule throws; fails the test if the module is valid */
export function rejection(m: Module): KilnError {
  try {
    validateModule(m);
  } catch (e) {
    if (e instanceof KilnError) return e;
    throw e;
  }
  throw new Error('module unexpectedly valid');
}

/** a module with a single memory of one page, plus `extra` */
export const oneMemory = (extra: Partial<Module> = {}): Partial<Module> => ({ mems: [{ limits: { min: 1 } }], ...extra });
