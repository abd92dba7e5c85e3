/**
 * The runtime block (docs/native-abi.md, "The runtime block"): the per-engine record that
 * compiled code, trampolines, the fault handler and the engine share. Its layout is the same
 * on every ISA (8-byte words, little-endian), so the engine reads and writes it without
 * knowing which ISA the code was compiled for.
 */
export const RT = {
  entrySp: 0,
  trapCode: 8,
  trapPc: 16,
  trapFp: 24,
  trapRoutine: 32,
  hostException: 40,
  /** i32 interrupt flag: non-zero asks running code to stop at its next check ("interrupted") */
  interrupt: 44,
  /** wasm sp at which the next entry continues (the wasm stack's top, or below an exit's buffer) */
  wasmSp: 48,
  /** the host-call callback, C ABI `int32 cb(ptr ctx, ptr buffer)` */
  hostCall: 56,
  /**
   * the address of the cell holding this runtime's fault-table directory (0 without guard
   * pages): an interrupting thread finds there the code to make non-executable
   */
  faultRoot: 64,
  /** runtime function `id` of compiler/ir/runtime.ts at functions + 8·id */
  functions: 72,
} as const;
