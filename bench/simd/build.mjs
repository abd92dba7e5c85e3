#!/usr/bin/env -S npx zx
// Builds the SIMD kernels: bench/simd/<kernel>.c → <kernel>.simd.wasm and <kernel>.scalar.wasm
// for every line of kernels.txt, from the same source:
//   SIMD    -O2 -msimd128                                 clang's vectorisers, wasm_simd128.h
//   scalar  -O2 -fno-vectorize -fno-slp-vectorize        no -msimd128: no v128 at all
// Freestanding wasm32 (no WASI, no libc; -ffreestanding keeps clang from calling memset or
// memcpy), each module exporting run(n). Toolchain: Debian clang 14 (wasm32 backend) + wasm-ld
// 14 (npm run setup -- --all). The build is deterministic; the .wasm files are committed so
// that the tests and benchmarks need no clang:
//   npx zx bench/simd/build.mjs           rebuild
//   npx zx bench/simd/build.mjs --check   build into a temporary folder, compare with the committed files
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { $, cd, echo, fs, path } from 'zx';

const here = path.dirname(fileURLToPath(import.meta.url));
cd(here);
const check = process.argv.includes('--check');
const outDir = check ? fs.mkdtempSync(path.join(tmpdir(), 'kiln-simd-')) : here;
const run = $({ stdio: 'inherit' });

const common = ['--target=wasm32', '-O2', '-Wall', '-Wextra', '-Werror', '-ffreestanding', '-nostdlib', '-Wl,--no-entry', '-Wl,--strip-debug'];
const builds = {
  simd: ['-msimd128'],
  scalar: ['-fno-vectorize', '-fno-slp-vectorize'],
};

const names = fs
  .readFileSync('kernels.txt', 'utf8')
  .split('\n')
  .filter((line) => !line.startsWith('#') && line.trim() !== '')
  .map((line) => line.trim().split(/\s+/)[0]);
let differ = 0;
for (const name of names) {
  for (const [build, flags] of Object.entries(builds)) {
    const file = `${name}.${build}.wasm`;
    const out = path.join(outDir, file);
    await run`clang ${common} ${flags} -o ${out} ${name}.c`;
    if (check && !fs.readFileSync(out).equals(fs.readFileSync(file))) {
      echo(`${file}: differs from the committed file`);
      differ++;
    } else echo(`${file}: ${fs.statSync(out).size} bytes${check ? ', same as committed' : ''}`);
  }
}
if (check) fs.rmSync(outDir, { recursive: true, force: true });
if (differ > 0) process.exit(1);
