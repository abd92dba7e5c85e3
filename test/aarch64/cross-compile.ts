/**
 * `node dist/test/aarch64/cross-compile.js <dir>` (on any host; scripts/test-aarch64.mjs runs
 * it on x86-64 before the native AArch64 suites): compiles every module of the Wasm 2.0
 * testsuite that uses no v128 into an aarch64-linux `.cwasm` in `dir` (artifacts.ts names
 * them), in guard mode, and in explicit mode for the scripts of EXPLICIT_FILES. The modules
 * are exactly those the spec runner hands to an engine: each script runs through
 * test/spec/runner.ts with an engine that compiles and records, then refuses to instantiate
 * (its commands then fail, which is not counted here). The C examples and the benchmark
 * corpus (programs.ts PROGRAMS) are compiled too, as `<name>.guard.cwasm`, for the suites that
 * run them or compare their bytes (suites/cross.ts). Every artifact is also compiled for
 * x86_64, into the `x86_64/` subdirectory: cross-compiling the other way round (on the arm64
 * Node, for x86-64) must reproduce those bytes too.
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateModule } from '../../compiler/validate/index.js';
import { decodeModule } from '../../formats/wasm/decode.js';
import { nativeV128Use } from '../../targets/compile.js';
import { encodeModule } from '../../formats/wasm/encode.js';
import type { Engine } from '../../loader/api.js';
import { nativeEngine } from '../../loader/native/index.js';
import { compileArtifact } from '../../linker/cwasm.js';
import type { BoundsMode } from '../../targets/compiled.js';
import { runParsed } from '../spec/runner.js';
import { loadScript } from '../support/corpus.js';
import { baseName, wastFiles } from '../support/testsuite.js';
import { artifactPath, EXPLICIT_FILES, HOST_SUBDIR, PROGRAMS } from './artifacts.js';

function recorder(dir: string, bounds: BoundsMode, counts: { artifacts: number; bytes: number }): Engine {
  return {
    name: 'cross-compile',
    host: nativeEngine.host,
    compile(module) {
      const wasm = encodeModule(module);
      const bytes = compileArtifact(module, wasm, { isa: 'aarch64', bounds });
      writeFileSync(artifactPath(dir, module, bounds), bytes);
      // and this host's own target, which the arm64 Node must reproduce too (suites/cross.ts)
      writeFileSync(artifactPath(join(dir, HOST_SUBDIR), module, bounds), compileArtifact(module, wasm, { isa: 'x86_64', bounds }));
      counts.artifacts++;
      counts.bytes += bytes.length;
      return { engine: 'cross-compile', module };
    },
    instantiate() {
      throw new Error('cross-compile only');
    },
  };
}

const dir = process.argv[2];
if (dir === undefined) {
  console.error('usage: node dist/test/aarch64/cross-compile.js <dir>');
  process.exit(2);
}
mkdirSync(join(dir, HOST_SUBDIR), { recursive: true });
const start = performance.now();
const counts = { artifacts: 0, bytes: 0 };
for (const path of wastFiles()) {
  const parsed = loadScript(path);
  const modes: BoundsMode[] = EXPLICIT_FILES.includes(baseName(path)) ? ['guard', 'explicit'] : ['guard'];
  for (const bounds of modes) runParsed(parsed, recorder(dir, bounds, counts), { mustRefuse: (m) => nativeV128Use(m, 'aarch64') !== null });
}
for (const [name, file] of PROGRAMS) {
  const wasm = new Uint8Array(readFileSync(file));
  const module = decodeModule(wasm);
  validateModule(module);
  const bytes = compileArtifact(module, wasm, { isa: 'aarch64', bounds: 'guard' });
  writeFileSync(join(dir, `${name}.guard.cwasm`), bytes);
  writeFileSync(join(dir, HOST_SUBDIR, `${name}.guard.cwasm`), compileArtifact(module, wasm, { isa: 'x86_64', bounds: 'guard' }));
  counts.artifacts++;
  counts.bytes += bytes.length;
}
console.log(`cross-compile: ${counts.artifacts} aarch64 artifacts, ${counts.bytes} bytes, in ${((performance.now() - start) / 1000).toFixed(1)} s`);
