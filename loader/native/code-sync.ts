/**
 * Making code just written visible to instruction fetch. Some ISAs (AArch64) keep separate
 * data and instruction caches that stores do not update: after a code region is written and
 * before it runs, its range must be cleaned from the data cache and invalidated in the
 * instruction cache. The host ISA's `cacheSync` routine (targets/native-isa.ts) does that;
 * x86-64 needs nothing and has none.
 *
 * Every code region calls `syncCode` on exactly the range it wrote, between the last write and
 * the switch to read-execute (code-region.ts); tests watch the calls with `watchCodeSync`. The
 * routine's own page is the one exception: it is a fresh anonymous mapping made executable
 * for the first time, which Linux synchronises itself (arm64 does so when it installs an
 * executable user page whose caches are not yet known clean).
 */

import { hostNativeIsa } from '../../targets/native-isas.js';
import { libc } from '../sys/libc.js';
import { CodeRegionBuilder } from './code-region.js';

type SyncFn = (start: number, length: number) => void;

/** undefined until first needed; null where the host needs no synchronisation */
let routine: SyncFn | null | undefined;
const watchers = new Set<SyncFn>();

function makeRoutine(): SyncFn | null {
  const code = hostNativeIsa().cacheSync();
  if (code === null) return null;
  const b = new CodeRegionBuilder();
  b.add(code);
  const region = b.seal('the code synchronisation routine', undefined, { sync: false });
  const k = libc().koffi;
  const fn = k.decode(region.base, k.proto('void kiln_code_sync(uintptr_t start, uintptr_t length)') as never) as (s: number, l: number) => void;
  return (start, length) => fn(start, length);
}

/** makes [start, start + length) coherent for instruction fetch (a no-op where the ISA is) */
export function syncCode(start: number, length: number): void {
  for (const w of watchers) w(start, length);
  if (routine === undefined) routine = makeRoutine();
  routine?.(start, length);
}

/** calls `watcher` with every synchronised range until the returned function is called */
export function watchCodeSync(watcher: SyncFn): () => void {
  watchers.add(watcher);
  return () => void watchers.delete(watcher);
}
