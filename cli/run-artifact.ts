/**
 * `kiln run app.cwasm`: load the artifact (loader/cwasm) for run-program.ts. A corrupt
 * artifact is an error; any other mismatch is one line on stderr naming the reason, then the
 * embedded wasm runs on the interpreter (or is recompiled natively, `--fallback recompile`),
 * or kiln exits 1 with the reason (`--fallback none`). `--engine interp` runs the embedded
 * wasm on the interpreter without looking at the code; `--bounds explicit` accepts only
 * artifacts compiled with explicit checks.
 */

import { openCwasm } from '../formats/cwasm/read.js';
import { embeddedModule, loadArtifact } from '../loader/cwasm/load.js';
import { interpEngine } from '../loader/interp/index.js';
import type { CompileOptions } from '../loader/api.js';
import type { Prepared, RunRequest } from './run-program.js';

export function prepareArtifact(req: RunRequest, bytes: Uint8Array, options: CompileOptions): Prepared {
  if (req.engine === 'interp') {
    const module = embeddedModule(openCwasm(bytes));
    if (req.verbose) process.stderr.write('kiln: engine: --engine interp (the artifact\'s embedded wasm)\n');
    return { engine: interpEngine, compiled: interpEngine.compile(module, options) };
  }
  const loaded = loadArtifact(bytes, { fallback: req.fallback ?? 'interpreter', require: req.bounds === 'explicit' ? { bounds: 'explicit' } : {} });
  if (loaded.fallback !== null) {
    const instead = loaded.engine === interpEngine ? 'running its embedded wasm on the interpreter' : 'recompiling its embedded wasm';
    process.stderr.write(`kiln: ${req.file}: ${loaded.fallback.reason}; ${instead}\n`);
  } else if (req.verbose) {
    const k = loaded.key;
    process.stderr.write(`kiln: engine: native (artifact for ${k?.target}, bounds ${k?.bounds}, CPU features ${k?.cpuFeatures.join(',') || 'none'})\n`);
  }
  return { engine: loaded.engine, compiled: loaded.compiled };
}

