/**
 * Trap construction with a wasm backtrace. Generated functions are named `w<M>_<F>` (M = a
 * process-wide id of the compiled module, F = function index). When a trap is raised, the JS
 * call sites are captured once (Error.captureStackTrace with a structured
 * prepareStackTrace) and every `w<M>_<F>` frame becomes a WasmFrame; its line in the
 * generated source maps back to the wasm byte offset of the instruction (compile.ts records
 * one offset per line). Nothing is recorded
 * on the non-trapping path, so backtraces cost nothing until a trap happens. Frames are
 * limited to the innermost 64; inlined frames are kept by V8's stack walker.
 */

import type { TrapKind, WasmFrame } from '../trap.js';
import { KilnTrap } from '../trap.js';

/** module id → display name of function index */
const registry = new Map<number, (funcIndex: number) => string>();
/** module id → wasm byte offset behind each line of the module's generated source */
const lineOffsets = new Map<number, Int32Array>();
let nextModuleId = 1;

/** the source passed to `new Function('H', 'C', source)` starts on the script's line 3 */
const SOURCE_FIRST_LINE = 3;

/** records the wasm offset of each line of a module's generated source (-1: none) */
export function setLineOffsets(id: number, offsets: Int32Array): void {
  lineOffsets.set(id, offsets);
}

/** reserves a module id and remembers how to name its functions */
export function registerModule(name: (funcIndex: number) => string): number {
  const id = nextModuleId++;
  registry.set(id, name);
  return id;
}

const FRAME_RE = /^w(\d+)_(\d+)$/;

interface CallSiteLike {
  getFunctionName(): string | null;
  getLineNumber(): number | null;
}

/** wasm frames of the current JS stack, innermost first */
export function captureFrames(): WasmFrame[] {
  const E = Error as unknown as {
    prepareStackTrace?: (e: Error, cs: CallSiteLike[]) => unknown;
    stackTraceLimit: number;
    captureStackTrace(o: object, f?: unknown): void;
  };
  const prevPrep = E.prepareStackTrace;
  const prevLimit = E.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  try {
    E.prepareStackTrace = (_e, cs) => cs;
    E.stackTraceLimit = 64;
    E.captureStackTrace(holder, captureFrames);
    const sites = holder.stack;
    const frames: WasmFrame[] = [];
    if (!Array.isArray(sites)) return frames;
    for (const cs of sites as CallSiteLike[]) {
      const m = FRAME_RE.exec(cs.getFunctionName() ?? '');
      if (m === null) continue;
      const mid = Number(m[1]);
      const name = registry.get(mid);
      const funcIndex = Number(m[2]);
      const frame: WasmFrame = { funcIndex, name: name === undefined ? `func[${funcIndex}]` : name(funcIndex) };
      const offset = lineOffsets.get(mid)?.[(cs.getLineNumber() ?? 0) - SOURCE_FIRST_LINE];
      if (offset !== undefined && offset >= 0) frame.offset = offset;
      frames.push(frame);
    }
    return frames;
  } catch {
    return [];
  } finally {
    E.prepareStackTrace = prevPrep;
    E.stackTraceLimit = prevLimit;
  }
}

/** a trap of the given kind with the current wasm backtrace */
export function trap(kind: TrapKind): KilnTrap {
  return new KilnTrap(kind, captureFrames());
}
