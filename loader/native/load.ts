/**
 * Placing a module's linked machine code (linker/link.ts LinkedCode) into executable memory:
 * the text is copied into a fresh read-write code region as it is (it needs no relocation),
 * which is then made read-execute. Registers the functions' ranges for backtraces, their
 * names in the perf map, and, for code compiled with guard-page bounds, its fault sites in
 * the fault handler's table.
 */

import { KilnError } from '../../formats/errors.js';
import type { LinkedCode } from '../../linker/link.js';
import { addRanges, type CodeMap } from './backtrace.js';
import { CodeRegionBuilder, type CodeRegion } from './code-region.js';
import type { FaultTable } from './fault-table.js';
import { recordPerfMap } from './perfmap.js';

export { functionNames } from '../../formats/wasm/func-names.js';

export interface LoadedCode {
  readonly region: CodeRegion;
  /** absolute address of each defined function, in module.funcs order */
  readonly starts: readonly number[];
}

/**
 * `names` are display names by absolute function index; `definedCount` the module's number
 * of defined functions (checked against the code)
 */
export function loadLinked(linked: LinkedCode, definedCount: number, names: readonly string[], map: CodeMap, faults: FaultTable | null = null): LoadedCode {
  if (linked.isa !== 'x86_64') throw new KilnError('unsupported', `the native engine runs x86_64 code, not ${linked.isa}`);
  if (linked.funcs.length !== definedCount) {
    throw new KilnError('uninstantiable', `compiled code has ${linked.funcs.length} functions, the module defines ${definedCount}`);
  }
  if (linked.bounds === 'guard' && faults === null) throw new KilnError('unsupported', 'code compiled for guard-page bounds needs the fault handler');
  const b = new CodeRegionBuilder();
  b.add(linked.text);
  const region = b.seal('compiled code');
  const starts = linked.funcs.map((f) => region.base + f.offset);
  const nameOf = (index: number): string => names[index] ?? `func[${index}]`;
  addRanges(
    map,
    linked.funcs.map((f, k) => ({ start: starts[k] as number, end: (starts[k] as number) + f.size, func: f, name: nameOf(f.index) })),
  );
  recordPerfMap(linked.funcs.map((f, k) => ({ start: starts[k] as number, size: f.size, name: nameOf(f.index) })));
  if (linked.bounds === 'guard') (faults as FaultTable).add(region.base, region.size, regionFaultSites(linked));
  return { region, starts };
}

/** every function's fault sites as offsets from the text's start, in order */
function regionFaultSites(linked: LinkedCode): Uint32Array {
  let n = 0;
  for (const f of linked.funcs) n += (f.faultSites?.length ?? 0) >> 1;
  const out = new Uint32Array(n);
  let k = 0;
  for (const f of linked.funcs) {
    const sites = f.faultSites;
    if (sites === undefined) continue;
    for (let j = 0; j < sites.length; j += 2) out[k++] = f.offset + (sites[j] as number);
  }
  return out;
}
