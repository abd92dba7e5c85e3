#!/usr/bin/env -S npx zx
// Builds bench/corpus/corpus.wasm, the ≥ 1 MB module of compiled C used by bench/decode.ts.
//
//   1. node gen.mjs generates the C units (deterministic: fixed seed) into a temporary folder;
//   2. Debian's clang 14 compiles them with wasi-libc (--sysroot=/usr) at -O2, 2 jobs at a time;
//   3. wasm-ld links them with main.c and libc into a WASI command, debug info stripped
//      (the name section is kept, as most shipped modules have one).
//
// Run from anywhere in the repository: npx zx bench/corpus/build.mjs. Needs clang-14, lld-14, wasi-libc,
// libclang-rt-14-dev-wasm32 (Debian package names) and node.
import { fileURLToPath } from 'node:url';
import { $, cd, echo, fs, os, path } from 'zx';

cd(path.dirname(fileURLToPath(import.meta.url)));
const run = $({ stdio: 'inherit' });
const UNITS = 480;
const SEED = 20240601;
const JOBS = 2;
const CFLAGS = ['--target=wasm32-wasi', '--sysroot=/usr', '-O2', '-Wall', '-Werror'];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-corpus-'));
try {
  await run`node gen.mjs ${tmp} ${`--units=${UNITS}`} ${`--seed=${SEED}`} --per-file=25`;

  // compile every generated unit, JOBS at a time; like xargs -P, the others still run after a
  // failure, and the build fails once they are done
  const sources = fs.readdirSync(tmp).filter((name) => name.endsWith('.c')).sort().map((name) => path.join(tmp, name));
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < sources.length) {
      const src = sources[next++];
      const result = await run({ nothrow: true })`clang ${CFLAGS} -I. -c ${src} -o ${`${src}.o`}`;
      if (result.exitCode !== 0) failed++;
    }
  };
  await Promise.all(Array.from({ length: JOBS }, worker));
  if (failed > 0) throw new Error(`${failed} of ${sources.length} corpus units failed to compile`);

  await run`clang ${CFLAGS} -I. -c main.c -o ${path.join(tmp, 'main.o')}`;
  const objects = sources.map((src) => `${src}.o`);
  await run`clang ${CFLAGS} -Wl,--strip-debug -o corpus.wasm ${path.join(tmp, 'main.o')} ${objects}`;
  echo(`corpus.wasm: ${fs.statSync('corpus.wasm').size} bytes`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
