/**
 * A minimal EngineBackend for testing the engine-neutral instantiation on its own: plain JS
 * objects for memories, tables and globals (none of the interpreter's classes), functions that
 * cannot run wasm code (a defined function records that it was called and returns zeros), and
 * a log of every hook the neutral code calls, in order.
 */

import type { FuncType, GlobalType, MemType, Module, TableType } from '../../../formats/wasm/types.js';
import type {
  CompiledModule,
  JsValue,
  RawValue,
  RefValue,
  WasmFunction,
  WasmGlobal,
  WasmMemory,
  WasmTable,
} from '../../../loader/api.js';
import type { EngineBackend, InstanceCode, InstanceParts } from '../../../loader/instance/backend.js';
import { importCallRaw } from '../../../loader/instance/host-func.js';
import { refuseImport } from '../../../loader/instance/imports.js';

export const PAGE = 65536;

export class FakeMemory implements WasmMemory {
  readonly kind = 'memory' as const;
  private u8: Uint8Array;
  constructor(
    readonly type: MemType,
    readonly maxPages: number | undefined,
  ) {
    this.u8 = new Uint8Array(type.limits.min * PAGE);
  }
  get buffer(): ArrayBuffer {
    return this.u8.slice().buffer;
  }
  bytes(): Uint8Array {
    return this.u8;
  }
  size(): number {
    return this.u8.length / PAGE;
  }
  grow(delta: number): number {
    const old = this.size();
    if (old + delta > (this.type.limits.max ?? 65536)) return -1;
    const next = new Uint8Array((old + delta) * PAGE);
    next.set(this.u8);
    this.u8 = next;
    return old;
  }
}

export class FakeTable implements WasmTable {
  readonly kind = 'table' as const;
  readonly elems: RefValue[];
  constructor(
    readonly type: TableType,
    init: RefValue,
  ) {
    this.elems = new Array<RefValue>(type.limits.min).fill(init);
  }
  size(): number {
    return this.elems.length;
  }
  get(i: number): RefValue {
    return this.elems[i] ?? null;
  }
  set(i: number, v: RefValue): void {
    if (!(i >= 0 && i < this.elems.length)) throw new RangeError(`fake table: index ${i} out of bounds`);
    this.elems[i] = v;
  }
  grow(delta: number, init: RefValue): number {
    const old = this.elems.length;
    for (let k = 0; k < delta; k++) this.elems.push(init);
    return old;
  }
}

export class FakeGlobal implements WasmGlobal {
  readonly kind = 'global' as const;
  constructor(
    readonly type: GlobalType,
    private v: RawValue,
  ) {}
  getRaw(): RawValue {
    return this.v;
  }
  setRaw(v: RawValue): void {
    this.v = v;
  }
}

export class FakeFunc implements WasmFunction {
  readonly kind = 'func' as const;
  linked = false;
  constructor(
    readonly type: FuncType,
    readonly name: string,
    private readonly run: (args: readonly RawValue[]) => RawValue[],
  ) {}
  callRaw(args: readonly RawValue[]): RawValue[] {
    if (!this.linked) throw new Error(`fake: ${this.name} called before link`);
    return this.run(args);
  }
  call(...args: JsValue[]): JsValue | JsValue[] | undefined {
    const r = this.callRaw(args);
    return r.length === 0 ? undefined : r.length === 1 ? r[0] : r;
  }
}

interface FakeCompiled extends CompiledModule {
  readonly engine: 'fake';
}

interface FakeTypes {
  readonly compiled: FakeCompiled;
  readonly func: FakeFunc;
  readonly memory: FakeMemory;
  readonly table: FakeTable;
  readonly global: FakeGlobal;
}

export interface FakeBackend extends EngineBackend<FakeTypes> {
  /** every hook call, in order */
  readonly log: string[];
  /** the parts each `link` received */
  readonly linked: InstanceParts<FakeTypes>[];
}

const zero = (t: number): RawValue => (t === 0x7e ? 0n : t === 0x70 || t === 0x6f ? null : 0);

export function fakeBackend(): FakeBackend {
  const log: string[] = [];
  const linked: InstanceParts<FakeTypes>[] = [];
  return {
    name: 'fake',
    log,
    linked,
    compile(module: Module): FakeCompiled {
      log.push('compile');
      return { engine: 'fake', module };
    },
    createMemory(type, maxPages) {
      log.push(`memory ${type.limits.min} limit ${String(maxPages)}`);
      return new FakeMemory(type, maxPages);
    },
    createTable(type, init) {
      log.push(`table ${type.limits.min}`);
      return new FakeTable(type, init);
    },
    createGlobal(type, value) {
      log.push(`global ${typeof value === 'bigint' ? `${value}n` : String(value)}`);
      return new FakeGlobal(type, value);
    },
    importFunction(imp, type, name, what) {
      log.push(`import func ${what} (${imp.kind})`);
      const f = new FakeFunc(type, name, importCallRaw(imp, type));
      f.linked = true;
      return f;
    },
    importMemory(memory, what) {
      log.push(`import memory ${what}`);
      if (memory instanceof FakeMemory) return memory;
      throw refuseImport('fake', 'memory', what);
    },
    importTable(table, what) {
      log.push(`import table ${what}`);
      if (table instanceof FakeTable) return table;
      throw refuseImport('fake', 'table', what);
    },
    importGlobal(global, what) {
      log.push(`import global ${what}`);
      if (global instanceof FakeGlobal) return global;
      throw refuseImport('fake', 'global', what);
    },
    allocate(compiled, imported): InstanceCode<FakeTypes> {
      log.push(`allocate ${compiled.module.funcs.length} after ${imported.length} imported`);
      const functions = compiled.module.funcs.map((t, k) => {
        const type = compiled.module.types[t] as FuncType;
        const index = imported.length + k;
        return new FakeFunc(type, `func[${index}]`, () => {
          log.push(`call func[${index}]`);
          return type.results.map(zero);
        });
      });
      return {
        functions,
        link(parts) {
          log.push('link');
          linked.push(parts);
          for (const f of functions) f.linked = true;
        },
      };
    },
  };
}
