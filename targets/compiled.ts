/**
 * What a target's emitter produces for one function, and what the native engine (and later
 * the `.cwasm` linker) consumes: position-independent machine code plus the records needed to
 * place it, trap in it and walk its frames. ISA-neutral: both targets produce this shape.
 * docs/native-abi.md describes how the x86-64 engine uses each field.
 */

/** a direct call to another compiled function of the same module (rel32 on x86-64) */
export interface CallReloc {
  readonly kind: 'call_func';
  /** byte offset of the 4-byte field inside the function's code */
  readonly offset: number;
  /** absolute wasm function index of the callee (a defined function) */
  readonly target: number;
}

export type Reloc = CallReloc;

export interface TrapSite {
  /** code offset of the return address of the trap stub's call */
  readonly offset: number;
  /** the IR TrapCode (compiler/ir/traps.ts) */
  readonly code: number;
  /** wasm byte offset of the instruction that traps (-1 when unknown) */
  readonly wasmOffset: number;
}

/**
 * What the engine keeps of a function once its code is placed: where it traps and which wasm
 * offset each code offset belongs to (backtraces, the fault handler). Offsets are relative to
 * the function's first byte.
 */
export interface FuncMaps {
  /** absolute wasm function index */
  readonly index: number;
  readonly trapSites: readonly TrapSite[];
  /**
   * pairs [returnOffset0, wasmOffset0, returnOffset1, wasmOffset1, …], strictly ascending: one
   * per call instruction (to wasm, host or runtime functions), its return address's code offset
   * and the wasm offset of the instruction that made the call (backtraces walk return addresses)
   */
  readonly addressMap: Int32Array;
  /**
   * guard-page bounds (CompiledCode.bounds 'guard'): sorted pairs [codeOffset0, wasmOffset0,
   * …], one per linear-memory load or store, codeOffset being the access instruction's first
   * byte. A fault there is "out of bounds memory access" (TrapCode.HeapOutOfBounds) at that
   * wasm offset. Absent or empty in explicit mode.
   */
  readonly faultSites?: Int32Array;
  /**
   * Stack maps: groups [returnOffset, n, place0, kind0, …, place(n-1), kind(n-1)], one per call
   * across which references stay live, in code order. A place ≥ 0 is a callee-saved register
   * (the ISA's number), a negative one a frame-pointer-relative byte offset; kind is the
   * RefKind (1 funcref, 2 externref). Absent: no reference is live across any call.
   */
  readonly stackMaps?: Int32Array;
  /** the callee-saved registers the prologue saves: pairs [register, fp-relative offset] */
  readonly savedRegs?: Int32Array;
}

export interface CompiledFunc extends FuncMaps {
  readonly name: string;
  readonly code: Uint8Array;
  readonly relocs: readonly Reloc[];
}

export type Isa = 'x86_64' | 'aarch64';

/** the byte that fills code between functions: a trap if ever executed (int3 on x86-64; 0x00000000 is udf #0 on AArch64) */
export const CODE_FILL: Readonly<Record<Isa, number>> = { x86_64: 0xcc, aarch64: 0x00 };

/**
 * How linear-memory accesses are kept in bounds: 'explicit' compares every access with the
 * memory size; 'guard' leaves it to the 8 GiB reservation's inaccessible pages, so the code
 * is only safe where a fault handler turns a fault at a fault site into a trap.
 */
export type BoundsMode = 'guard' | 'explicit';

/** which trampoline: entry (the C ABI calls kiln-cc code) or exit (kiln-cc code calls a host) */
export type TrampolineKind = 'entry' | 'exit';

/** a trampoline between kiln-cc and the C ABI for one function type (docs/native-abi.md) */
export interface CompiledTrampoline {
  readonly kind: TrampolineKind;
  /** the module's type index it was made for (any type of the same signature may use it) */
  readonly type: number;
  readonly code: Uint8Array;
}

export interface CompiledCode {
  readonly isa: Isa;
  /** CPU features the code uses (targets/<isa>/features.ts names) */
  readonly features: readonly string[];
  /** one per defined function, in function index order */
  readonly funcs: readonly CompiledFunc[];
  /** absent means 'explicit' */
  readonly bounds?: BoundsMode;
}
