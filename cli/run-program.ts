/**
 * What `kiln run` does once its options are parsed: load the module, bind WASI, instantiate
 * on the chosen engine, then run `_start` or one `--invoke`d export. It runs on a worker
 * thread (see commands/run.ts), so the request and the outcome are plain data.
 */

import { KilnError, isKilnError } from '../formats/errors.js';
import type { WasmFunction } from '../loader/api.js';
import { isKilnTrap } from '../loader/trap.js';
import { createWasi } from '../loader/wasi/index.js';
import { parseDirSpec, parseEnvSpec } from './commands/run-options.js';
import { formatResults, parseInvokeArgs } from './commands/run-values.js';
import { selectEngine } from './engines.js';
import { loadModule } from './load.js';

export interface RunRequest {
  file: string;
  args: string[];
  dir: string[];
  dirReadonly: string[];
  env: string[];
  inheritEnv: boolean;
  invoke: string | null;
  argv0: string | null;
  engine: string;
  maxCallDepth: number;
}

export interface RunOutcome {
  /** process exit code: the WASI exit code, or 0 after --invoke */
  code: number;
  /** --invoke results, one per line (empty for a WASI command, which writes its own output) */
  output: string;
}

export function runProgram(req: RunRequest): RunOutcome {
  const engine = selectEngine(req.engine);
  const preopens = [...req.dir.map((d) => parseDirSpec(d, false)), ...req.dirReadonly.map((d) => parseDirSpec(d, true))];
  const env: Record<string, string> = {};
  if (req.inheritEnv) {
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  }
  for (const spec of req.env) {
    const [k, v] = parseEnvSpec(spec);
    env[k] = v;
  }
  const { file } = req;
  const loaded = loadModule(file);
  const wasi = createWasi({ args: [req.argv0 ?? file, ...req.args], env, preopens });
  const instance = withFile(file, () =>
    engine.instantiate(loaded.module, wasi.imports, {
      maxCallDepth: req.maxCallDepth,
      beforeStart: (inst) => wasi.bindInstance(inst),
    }),
  );

  if (req.invoke !== null) {
    const fn = instance.exports[req.invoke];
    if (fn === undefined || fn.kind !== 'func') {
      throw new KilnError('usage', `no exported function named "${req.invoke}"`, { file });
    }
    const f = fn as WasmFunction;
    const results = f.callRaw(parseInvokeArgs(f.type.params, req.args));
    const text = formatResults(f.type.results, results);
    return { code: 0, output: text.length > 0 ? text + '\n' : '' };
  }
  const start = instance.exports['_start'];
  if (start === undefined || start.kind !== 'func') {
    throw new KilnError('usage', 'module has no _start export (a WASI command); use --invoke NAME to call an export', { file });
  }
  return { code: wasi.start(instance), output: '' };
}

/** link errors name the module file (traps keep their own backtrace form) */
function withFile<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isKilnError(e) && !isKilnTrap(e) && e.loc.file === undefined) e.loc.file = file;
    throw e;
  }
}
