/*
 * kiln native runtime: the module descriptor `kiln_module` that the module image (kiln's
 * linker/exe-image.ts) defines, and the records it points at. Every field is one 8-byte word;
 * these indices are linker/exe-descriptor.ts's, number for number.
 */
#ifndef KILN_RUNTIME_MODULE_H
#define KILN_RUNTIME_MODULE_H

#include <stdint.h>

enum {
  KM_MAGIC = 0, KM_VMCTX = 1, KM_RUNTIME_BLOCK = 2, KM_MEM_PRESENT = 3, KM_MEM_MIN = 4, KM_MEM_MAX = 5,
  KM_MEM_LIMIT = 6, KM_DATA = 7, KM_DATA_COUNT = 8, KM_TABLES = 9, KM_TABLE_COUNT = 10, KM_ELEMS = 11,
  KM_ELEM_COUNT = 12, KM_FUNCREFS = 13, KM_FUNC_COUNT = 14, KM_START_CODE = 15, KM_ENTRY_VOID = 16,
  KM_MAIN_CODE = 17, KM_FUNC_INFO = 18, KM_FUNC_INFO_COUNT = 19, KM_CODE_START = 20, KM_CODE_SIZE = 21,
  KM_FAULT_SEGV = 22, KM_FAULT_BUS = 23, KM_PREOPENS = 24, KM_PREOPEN_COUNT = 25, KM_ENV = 26,
  KM_ENV_COUNT = 27, KM_TIMEOUT_MS = 28, KM_TIMEOUT_TEXT = 29, KM_STACK_SIZE = 30, KM_MAX_CALL_DEPTH = 31,
  KM_TRAP_KINDS = 32, KM_TRAP_KIND_COUNT = 33, KM_EXPORTS = 34, KM_EXPORT_COUNT = 35, KM_VMCTX_SIZE = 36,
  KM_MODULE_NAME = 37, KM_INHERIT_ENV = 38, KM_BATCH = 39, KM_GLOBAL_EXPORTS = 40, KM_GLOBAL_EXPORT_COUNT = 41, KM_START_VMCTX = 42
};

enum { GEXPORT_NAME = 0, GEXPORT_CELL = 1, GEXPORT_TYPE = 2, GEXPORT_REC = 3 };

#define KILN_MODULE_MAGIC 0x314558454e4c494bULL /* "KILNEXE1" */

enum { DATA_BYTES = 0, DATA_LENGTH = 1, DATA_OFFSET = 2, DATA_ACTIVE = 3, DATA_REC = 4 };
enum { TABLE_TEMPLATE = 0, TABLE_MIN = 1, TABLE_MAX = 2, TABLE_REC = 3 };
enum { ELEM_ITEMS = 0, ELEM_LENGTH = 1, ELEM_PASSIVE = 2, ELEM_REC = 3 };
enum { FUNC_START = 0, FUNC_SIZE = 1, FUNC_INDEX = 2, FUNC_NAME = 3, FUNC_TRAPS = 4, FUNC_TRAP_COUNT = 5,
       FUNC_ADDRS = 6, FUNC_ADDR_COUNT = 7, FUNC_FAULTS = 8, FUNC_FAULT_COUNT = 9, FUNC_REC = 10 };
enum { PREOPEN_HOST = 0, PREOPEN_GUEST = 1, PREOPEN_READONLY = 2, PREOPEN_REC = 3 };
enum { EXPORT_NAME = 0, EXPORT_CODE = 1, EXPORT_ENTRY = 2, EXPORT_PARAMS = 3, EXPORT_RESULTS = 4, EXPORT_TYPES = 5, EXPORT_REC = 6 };

/* the host context record of an imported function (exit trampolines pass it as ctx) */
enum { HOST_CTX_RUNTIME_BLOCK = 8, HOST_CTX_TARGET = 16 };
#define HOST_TARGET_SPECTEST 100

/* the runtime block (kiln's targets/runtime-block.ts) */
enum { RT_ENTRY_SP = 0, RT_TRAP_CODE = 8, RT_TRAP_PC = 16, RT_TRAP_FP = 24, RT_TRAP_ROUTINE = 32,
       RT_HOST_EXCEPTION = 40, RT_INTERRUPT = 44, RT_WASM_SP = 48, RT_HOST_CALL = 56, RT_FAULT_ROOT = 64,
       RT_FUNCTIONS = 72 };

/* the vmctx (kiln's compiler/vmctx.ts) */
enum { VM_STACK_LIMIT = 0, VM_RUNTIME = 8, VM_MEM_BASE = 16, VM_MEM_SIZE = 24, VM_TABLES = 32 };
enum { FUNCREF_CODE = 0, FUNCREF_VMCTX = 8, FUNCREF_TYPE_ID = 16 };

/* trap codes as the entry trampoline returns them: TRAP_KINDS index + 1 */
enum { TRAP_UNREACHABLE = 1, TRAP_MEMORY_OOB = 2, TRAP_TABLE_OOB = 3, TRAP_UNDEFINED_ELEMENT = 4,
       TRAP_UNINITIALIZED = 5, TRAP_SIGNATURE = 6, TRAP_DIV_ZERO = 7, TRAP_OVERFLOW = 8, TRAP_CONVERSION = 9,
       TRAP_STACK = 10, TRAP_INTERRUPTED = 11 };

extern uint64_t kiln_module[];

#define KM(i) (kiln_module[i])
#define KM_PTR(i) ((uint64_t *)(uintptr_t)kiln_module[i])

/* entry trampoline: int32 entry(vmctx, code, args, results) */
typedef int32_t (*kiln_entry_fn)(uint64_t vmctx, uint64_t code, uint64_t *args, uint64_t *results);

#endif
