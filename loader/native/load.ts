/**
 * Placing a module's linked machine code (linker/link.ts PlaceableCode) into executable
 * memory: the text is copied into a fresh read-write code region as it is (it needs no
 * relocation), which is then made read-execute. Registers the text with the engine's code map
 * (backtraces, stack walks), its functions' names in the perf map when that is on, and, for
 * code compiled with guard-page bounds, its fault sites in the fault handler's table. Nothing
 * here is done per function unless the perf map asks for it: a module of thousands of
 * functions loads in the time of a few copies.
 */

import { KilnError } from '../../formats/errors.js';
import type { PlaceableCode } from '../../linker/link.js';
import { addText, type CodeMap } from './backtrace.js';
import { CodeRegionBuilder, type CodeRegion } from './code-region.js';
import type { FaultTable } from './fault-table.js';
import { perfMapEnabled, recordPerfMap } from './perfmap.js';

export { functionNames } from '../../formats/wasm/func-names.js';

export interface LoadedCode {
  readonly region: CodeRegion;
  /** absolute address of defined function k (k in module.funcs order) */
  start(k: number): number;
  /** the functions' offsets from the region's base */
  readonly offsets: Uint32Array;
}

/**
 * `nameOf` gives display names by absolute function index, `firstIndex` the first defined
 * function's (the number of imported functions); `definedCount` the module's number of
 * defined functions (checked against the code)
 */
export function loadLinked(
  code: PlaceableCode,
  definedCount: number,
  firstIndex: number,
  nameOf: (index: number) => string,
  map: CodeMap,
  faults: FaultTable | null = null,
): LoadedCode {
  if (code.isa !== 'x86_64') throw new KilnError('unsupported', `the native engine runs x86_64 code, not ${code.isa}`);
  const layout = code.layout;
  if (layout.count !== definedCount) {
    throw new KilnError('uninstantiable', `compiled code has ${layout.count} functions, the module defines ${definedCount}`);
  }
  if (code.bounds === 'guard' && faults === null) throw new KilnError('unsupported', 'code compiled for guard-page bounds needs the fault handler');
  const b = new CodeRegionBuilder();
  b.add(code.text);
  const region = b.seal('compiled code');
  const base = region.base;
  addText(map, { first: base, end: base + code.text.length, layout, name: (k) => nameOf(firstIndex + k) });
  if (perfMapEnabled()) {
    const entries = [];
    for (let k = 0; k < layout.count; k++) entries.push({ start: base + layout.offset(k), size: layout.size(k), name: nameOf(firstIndex + k) });
    recordPerfMap(entries);
  }
  if (code.bounds === 'guard') (faults as FaultTable).add(base, region.size, layout.faultOffsets());
  return { region, start: (k) => base + layout.offset(k), offsets: layout.offsets() };
}
