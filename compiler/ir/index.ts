/**
 * The SSA IR (docs/ir.md): value types, the instruction table, the function store and its
 * readable view, the builder, the text printer and parser, dominators and the verifier.
 * It knows nothing about wasm or any ISA.
 */

export { Type, TYPE_NAMES, typeByName, typeName } from './types.js';
export { TrapCode, TRAP_MESSAGES, TRAP_NAMES, trapByName } from './traps.js';
export { IntCC, FloatCC, INTCC_NAMES, FLOATCC_NAMES } from './conds.js';
export { Effect, PURE, CALL_EFFECTS, effectNames } from './effects.js';
export { RUNTIME, runtimeByName, type RuntimeRow } from './runtime.js';
export { OPCODES, op, opByName, opFor, isTerminator, type OpRow, type ImmKind } from './opcodes.js';
export { Func, NO, ValueKind } from './func.js';
export * from './view.js';
export { Builder, type Target } from './builder.js';
export { printFunc, printInst, printBlockHeader } from './printer.js';
export { parseFunc, type ParseOptions } from './parser.js';
export { DomTree } from './dominators.js';
export { verify } from './verify.js';
