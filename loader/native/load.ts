/**
 * Placing a module's linked machine code (linker/link.ts PlaceableCode) into executable
 * memory: the text is copied into a fresh read-write code region as it is (it needs no
 * relocation), which is then made read-execute. Registers the text with the engine's code map
 * (backtraces, stack walks), its functions' names in the perf map when that is on, and, for
 * code compiled with guard-page bounds, its fault sites in the fault handler's table. Nothing
 * here is done per function unless the perf map asks for it: a module of thousands of
 * functions loads in the time of a few copies.
 */

import { hostNativeIsa } from '../../targets/native-isas.js';
import { KilnError } from '../../formats/errors.js';
import type { PlaceableCode } from '../../linker/link.js';
import { addText, type CodeMap } from './backtrace.js';
import { CodeRegionBuilder, type CodeRegion } from './code-region.js';
import type { FaultTable } from './fault-table.js';
import { perfMapEnabled, recordPerfMap } from './perfmap.js';

export { functionNames } from '../../formats/wasm/func-names.js';

export interface LoadedCode {
  /** the functions' code */
  readonly region: CodeRegion;
  /** absolute address of defined function k (k in module.funcs order) */
  start(k: number): number;
  /** the functions' offsets from the region's base */
  readonly offsets: Uint32Array;
  /** the address of the trampoline at text offset `offset` (code.trampolines) */
  trampolineAt(offset: number): number;
}

/** what guard-page code registers with the fault handler: its table and the runtime's trap record */
export interface FaultRegistration {
  readonly table: FaultTable;
  readonly record: number;
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
  faults: FaultRegistration | null = null,
): LoadedCode {
  const host = hostNativeIsa().isa;
  if (code.isa !== host) throw new KilnError('unsupported', `the native engine runs ${host} code, not ${code.isa}`);
  const layout = code.layout;
  if (layout.count !== definedCount) {
    throw new KilnError('uninstantiable', `compiled code has ${layout.count} functions, the module defines ${definedCount}`);
  }
  if (code.bounds === 'guard' && faults === null) throw new KilnError('unsupported', 'code compiled for guard-page bounds needs the fault handler');
  // the functions and the trampolines in regions of their own: interrupting makes the
  // functions' pages non-executable (interrupt.ts), never a trampoline's
  const split = code.trampolines.reduce((lo, t) => Math.min(lo, t.offset), code.text.length);
  const b = new CodeRegionBuilder();
  b.add(code.text.subarray(0, split));
  const region = b.seal('compiled code');
  const base = region.base;
  let trampolineAt = (offset: number): number => base + offset;
  if (split < code.text.length) {
    const t = new CodeRegionBuilder();
    t.add(code.text.subarray(split));
    const tBase = t.seal('trampolines').base;
    trampolineAt = (offset) => tBase + offset - split;
  }
  addText(map, { first: base, end: base + split, layout, name: (k) => nameOf(firstIndex + k) });
  if (perfMapEnabled()) {
    const entries = [];
    for (let k = 0; k < layout.count; k++) entries.push({ start: base + layout.offset(k), size: layout.size(k), name: nameOf(firstIndex + k) });
    recordPerfMap(entries);
  }
  if (code.bounds === 'guard') {
    const f = faults as FaultRegistration;
    f.table.add(base, region.size, layout.faultOffsets(), f.record);
  }
  return { region, start: (k) => base + layout.offset(k), offsets: layout.offsets(), trampolineAt };
}
