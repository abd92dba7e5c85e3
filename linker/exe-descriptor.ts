/**
 * The module descriptor of a standalone executable (docs/standalone.md): the one record through
 * which the native runtime (runtime/core/module.h, the same numbers) finds everything the module
 * image holds. Every field is one 8-byte word; arrays of records are arrays of words. Adding a
 * field: a new index here and in module.h, and KM.size grows.
 */

/** word indices of `kiln_module` */
export const KM = {
  magic: 0,
  vmctx: 1,
  runtimeBlock: 2,
  /** 1 when the module has (or imports) a memory */
  memPresent: 3,
  memMin: 4,
  /** pages; 65536 when the module sets no maximum */
  memMax: 5,
  /** `--max-memory` of `kiln build` in pages, 0 for none */
  memLimit: 6,
  data: 7,
  dataCount: 8,
  tables: 9,
  tableCount: 10,
  elems: 11,
  elemCount: 12,
  /** funcref record address of every function index (imports first) */
  funcrefs: 13,
  funcCount: 14,
  /** the start function's code, or 0 */
  startCode: 15,
  /** the entry trampoline of type [] -> [] */
  entryVoid: 16,
  /** `_start`'s code, or 0 */
  mainCode: 17,
  funcInfo: 18,
  funcInfoCount: 19,
  /** the functions' text: made non-executable by an interruption (--timeout) */
  codeStart: 20,
  codeSize: 21,
  faultSegv: 22,
  faultBus: 23,
  preopens: 24,
  preopenCount: 25,
  /** array of NAME=VALUE C strings */
  env: 26,
  envCount: 27,
  /** --timeout in milliseconds, 0 for none */
  timeoutMs: 28,
  /** --timeout as typed, for the message */
  timeoutText: 29,
  /** bytes of the wasm stack to map */
  stackSize: 30,
  maxCallDepth: 31,
  /** C strings of the trap kinds, by trap code - 1 */
  trapKinds: 32,
  trapKindCount: 33,
  exports: 34,
  exportCount: 35,
  /** the vmctx size in bytes */
  vmctxSize: 36,
  /** the module's file name as given to kiln build, for messages */
  moduleName: 37,
  /** 1: the program also gets the environment the executable runs with (--inherit-env; `env` overrides) */
  inheritEnv: 38,
  /** 1: batch mode (`kiln build --batch`): invocations read from stdin instead of running _start */
  batch: 39,
  globalExports: 40,
  globalExportCount: 41,
  /** the start function's vmctx when it is an import (its host context), else 0 (the module's vmctx) */
  startVmctx: 42,
  size: 48,
} as const;

export const KILN_MODULE_MAGIC = 0x31455845_4e4c494bn; // "KILNEXE1"

/** data segment record: bytes, length, destination offset (active), state 1 active / 0 passive */
export const DATA_REC = { bytes: 0, length: 1, offset: 2, active: 3, size: 4 } as const;
/** table record: initial contents (funcref record addresses, `min` words), min, max (0xffffffff: none) */
export const TABLE_REC = { template: 0, min: 1, max: 2, size: 3 } as const;
/** element segment record: items (funcref record addresses, 0 = null), length, 1 passive / 0 dropped */
export const ELEM_REC = { items: 0, length: 1, passive: 2, size: 3 } as const;
/**
 * function record (sorted by code address): code start, size, function index, name (C string),
 * trap sites, their count, address map, its count, fault sites, their count — each an array of
 * int32 pairs [code offset, wasm offset] (trap sites: the stub call's return offset)
 */
export const FUNC_REC = { start: 0, size: 1, index: 2, name: 3, traps: 4, trapCount: 5, addrs: 6, addrCount: 7, faults: 8, faultCount: 9, rsize: 10 } as const;
/** preopen record: host path, guest path (C strings), 1 read-only */
export const PREOPEN_REC = { host: 0, guest: 1, readonly: 2, size: 3 } as const;
/** export record (batch mode): name (its UTF-8 bytes in hex), code, entry trampoline, parameter count, result count, value types (bytes: params then results) */
export const EXPORT_REC = { name: 0, code: 1, entry: 2, params: 3, results: 4, types: 5, size: 6 } as const;

/** exported global (batch mode): name, address of its 8-byte value, value type */
export const GLOBAL_EXPORT_REC = { name: 0, cell: 1, type: 2, size: 3 } as const;

/** the host context record of an imported function: [8] runtime block, [16] what the runtime calls */
export const HOST_CTX = { runtimeBlock: 8, target: 16, size: 24 } as const;
/** host targets: a WASI function (0..45, the sorted names) or a spectest one */
export const HOST_TARGET_SPECTEST = 100;
