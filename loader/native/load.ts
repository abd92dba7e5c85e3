/**
 * Loading a module's CompiledCode (targets/compiled.ts) into executable memory: every
 * function 16-byte aligned in one code region, `call_func` relocations patched while the
 * region is still read-write (rel32 = target - (field + 4)), then the region is made
 * read-execute. Registers the functions' ranges for backtraces and, for code compiled with
 * guard-page bounds, its fault sites in the fault handler's table.
 */

import { KilnError } from '../../formats/errors.js';
import type { Module } from '../../formats/wasm/types.js';
import type { CompiledCode } from '../../targets/compiled.js';
import { addRanges, type CodeMap } from './backtrace.js';
import { CodeRegionBuilder, type CodeRegion } from './code-region.js';
import type { FaultTable } from './fault-table.js';
import { recordPerfMap } from './perfmap.js';

export interface LoadedCode {
  readonly region: CodeRegion;
  /** absolute address of each defined function, in module.funcs order */
  readonly starts: readonly number[];
}

/** display names by function index: name section, then export name, then func[N] */
export function functionNames(module: Module): string[] {
  const imported = module.imports.filter((i) => i.desc.kind === 'func').length;
  const names: string[] = [];
  for (let i = 0; i < imported + module.funcs.length; i++) names.push(module.names?.funcs.get(i) ?? '');
  for (const e of module.exports) if (e.kind === 'func' && names[e.index] === '') names[e.index] = e.name;
  return names.map((n, i) => (n === '' ? `func[${i}]` : n));
}

export function loadCode(module: Module, code: CompiledCode, map: CodeMap, faults: FaultTable | null = null): LoadedCode {
  if (code.isa !== 'x86_64') throw new KilnError('unsupported', `the native engine runs x86_64 code, not ${code.isa}`);
  const imported = module.imports.filter((i) => i.desc.kind === 'func').length;
  if (code.funcs.length !== module.funcs.length) {
    throw new KilnError('uninstantiable', `compiled code has ${code.funcs.length} functions, the module defines ${module.funcs.length}`);
  }
  const b = new CodeRegionBuilder();
  const offsets = code.funcs.map((f, k) => {
    if (f.index !== imported + k) throw new KilnError('uninstantiable', `compiled function ${k} has index ${f.index}, expected ${imported + k}`);
    return b.add(f.code);
  });
  const region = b.seal('compiled code', (bytes, base) => {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    code.funcs.forEach((f, k) => {
      for (const r of f.relocs) {
        const callee = offsets[r.target - imported];
        if (callee === undefined) throw new KilnError('uninstantiable', `${f.name}: call relocation to function ${r.target}, which is not defined here`);
        const field = (offsets[k] as number) + r.offset;
        dv.setInt32(field, callee - (field + 4), true);
      }
    });
    void base;
  });
  const starts = offsets.map((o) => region.base + o);
  const names = functionNames(module);
  addRanges(
    map,
    code.funcs.map((f, k) => ({
      start: starts[k] as number,
      end: (starts[k] as number) + f.code.length,
      func: f,
      name: names[f.index] as string,
    })),
  );
  recordPerfMap(code.funcs.map((f, k) => ({ start: starts[k] as number, size: f.code.length, name: names[f.index] as string })));
  if (code.bounds === 'guard') {
    if (faults === null) throw new KilnError('unsupported', 'code compiled for guard-page bounds needs the fault handler');
    faults.add(region.base, region.size, regionFaultSites(code, offsets));
  }
  return { region, starts };
}

/** every function's fault sites as offsets from the region's start, in order */
function regionFaultSites(code: CompiledCode, offsets: readonly number[]): Uint32Array {
  let n = 0;
  for (const f of code.funcs) n += (f.faultSites?.length ?? 0) >> 1;
  const out = new Uint32Array(n);
  let k = 0;
  code.funcs.forEach((f, i) => {
    const sites = f.faultSites;
    if (sites === undefined) return;
    for (let j = 0; j < sites.length; j += 2) out[k++] = (offsets[i] as number) + (sites[j] as number);
  });
  return out;
}
