/**
 * Trap construction with a wasm backtrace. Generated functions are named `w<M>_<F>` (M = a
 * process-wide id of the compiled module, F = function index); the pieces a large function
 * is split into (split.ts) are `p<M>_<F>_<K>`. Each wasm function is translated into a
 * script of its own (compile.ts), whose lines map back to wasm byte offsets (one offset per
 * line, recorded per function). When a trap is raised, the JS call sites are captured once
 * (Error.captureStackTrace with a structured prepareStackTrace) and every `w<M>_<F>` frame
 * becomes a WasmFrame; a piece frame becomes the frame of its function (with the piece's
 * line, which is the innermost position), and the frames of the pieces and the function
 * that called it are then skipped, so a split function shows as one frame. Nothing is
 * recorded on the non-trapping path, so backtraces cost nothing until a trap happens.
 * Frames are limited to the innermost 64; inlined frames are kept by V8's stack walker.
 */

import type { TrapKind, WasmFrame } from '../trap.js';
import { KilnTrap } from '../trap.js';

/** module id → display name of function index */
const registry = new Map<number, (funcIndex: number) => string>();
/** module id → function index → wasm byte offset behind each line of the function's script */
const lineOffsets = new Map<number, Map<number, Int32Array>>();
let nextModuleId = 1;

/** the source passed to `new Function('H', 'C', source)` starts on the script's line 3 */
const SOURCE_FIRST_LINE = 3;

/** records the wasm offset of each line of one function's generated script (-1: none) */
export function setLineOffsets(id: number, funcIndex: number, offsets: Int32Array): void {
  let perFunc = lineOffsets.get(id);
  if (perFunc === undefined) {
    perFunc = new Map();
    lineOffsets.set(id, perFunc);
  }
  perFunc.set(funcIndex, offsets);
}

/** reserves a module id and remembers how to name its functions */
export function registerModule(name: (funcIndex: number) => string): number {
  const id = nextModuleId++;
  registry.set(id, name);
  return id;
}

/** a generated function (w) or one of its pieces (p): module id, function index */
const FRAME_RE = /^([wp])(\d+)_(\d+)(?:_\d+)?$/;

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
    /** `${mid}_${funcIndex}` of a split function whose outer frames are being skipped */
    let inside = '';
    for (const cs of sites as CallSiteLike[]) {
      const m = FRAME_RE.exec(cs.getFunctionName() ?? '');
      if (m === null) continue;
      const key = `${m[2]}_${m[3]}`;
      if (key === inside) {
        // a piece's caller: another piece or, last, the function itself
        if (m[1] === 'w') inside = '';
        continue;
      }
      inside = m[1] === 'p' ? key : '';
      const mid = Number(m[2]);
      const name = registry.get(mid);
      const funcIndex = Number(m[3]);
      const frame: WasmFrame = { funcIndex, name: name === undefined ? `func[${funcIndex}]` : name(funcIndex) };
      const offset = lineOffsets.get(mid)?.get(funcIndex)?.[(cs.getLineNumber() ?? 0) - SOURCE_FIRST_LINE];
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
