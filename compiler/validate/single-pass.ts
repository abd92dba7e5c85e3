/**
 * Single-pass decode + validate (formats/wasm/body-visitor.ts): function bodies are validated
 * while the decoder scans them, so every instruction is read once; the module's other parts
 * are validated after decoding. Errors keep the spec's precedence: malformed before invalid.
 * This is the entry point for loading a binary module; `validateModule` remains for modules
 * built in memory (text, or edited).
 */

import { KilnError } from '../../formats/errors.js';
import type { BodyVisitor } from '../../formats/wasm/body-visitor.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import type { FuncType, Instr, LocalGroup, Module } from '../../formats/wasm/types.js';
import { beginBody, step } from './code.js';
import { buildModuleInfo } from './module-info.js';
import { BodyState } from './state.js';
import { declaredFuncRefs, validateModuleFields } from './validate.js';

class ValidatingVisitor implements BodyVisitor {
  private state: BodyState | null = null;
  private m: Module | null = null;
  private importedFuncs = 0;

  beginCode(m: Module): void {
    // the sections before code are decoded but not yet validated: module info and C.refs
    // only collect indices, and every lookup through them is checked
    const info = buildModuleInfo(m);
    this.m = m;
    this.importedFuncs = info.imported.funcs;
    this.state = new BodyState(m, info, declaredFuncRefs(m, info));
  }

  beginBody(index: number, locals: readonly LocalGroup[]): void {
    const m = this.m as Module;
    const funcIdx = this.importedFuncs + index;
    const typeIdx = m.funcs[index];
    const type: FuncType | undefined = typeIdx === undefined ? undefined : m.types[typeIdx];
    if (type === undefined) throw new KilnError('invalid', `func ${funcIdx}: unknown type ${typeIdx ?? '?'}`);
    beginBody(this.state as BodyState, funcIdx, type, locals);
  }

  instr(ins: Instr): void {
    // the decoder ends each body at its final `end`, where the function's frame closes
    step(this.state as BodyState, ins);
  }
}

/**
 * Decode and validate a binary module in one pass over its function bodies. Throws
 * KilnError('malformed') for a module that does not decode, else KilnError('invalid').
 */
export function decodeAndValidate(bytes: Uint8Array, options: { borrow?: boolean } = {}): Module {
  const m = decodeModule(bytes, { ...options, visitor: new ValidatingVisitor() });
  validateModuleFields(m);
  return m;
}
