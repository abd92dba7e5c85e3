#!/usr/bin/env node
// Builds kiln's native runtime (runtime/**/*.c, docs/standalone.md) for both ISAs into the
// relocatable objects that `kiln build` links into standalone executables:
// runtime/obj/<isa>/<path with / as ->.o, plus runtime/obj/BUILD.json naming the compilers
// (their --version lines), the flags and the SHA-256 of every object. The objects are committed:
// users need no C toolchain. The build is reproducible — the same sources, compilers and flags
// give the same bytes (no paths: -ffile-prefix-map; no compiler ident: -fno-ident).
//
//   node scripts/build-runtime.mjs            rebuild runtime/obj/
//   node scripts/build-runtime.mjs --check    rebuild into a temporary directory and compare:
//                                             exit 1 when an object differs and the compilers
//                                             are the ones recorded; a note (exit 0) when
//                                             Debian's compilers have moved on
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runtime = join(root, 'runtime');

export const COMPILERS = { x86_64: 'gcc', aarch64: 'aarch64-linux-gnu-gcc' };
const INSTALL = { x86_64: 'apt-get install gcc', aarch64: 'apt-get install gcc-aarch64-linux-gnu' };
export const FLAGS = [
  '-c', '-O2', '-std=c11', '-ffreestanding', '-nostdlib', '-fno-pic', '-fno-pie', '-fno-stack-protector',
  '-fno-asynchronous-unwind-tables', '-fno-unwind-tables', '-fno-ident', '-fno-builtin', '-ffunction-sections',
  '-fdata-sections', '-fno-common', '-Wall', '-Wextra', '-Werror',
];
const ISA_FLAGS = { x86_64: ['-mcmodel=small'], aarch64: ['-mgeneral-regs-only', '-mno-outline-atomics', '-mcmodel=small'] };

/** every .c file of the runtime, relative to runtime/, sorted */
function sources(dir = runtime, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (name === 'obj') continue;
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith('.c')) out.push(relative(runtime, path));
  }
  return out;
}

function versionOf(cc) {
  try {
    return execFileSync(cc, ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return null;
  }
}

const sha256 = (b) => createHash('sha256').update(b).digest('hex');

function build(outDir) {
  const record = { compilers: {}, flags: FLAGS, isaFlags: ISA_FLAGS, objects: {} };
  for (const [isa, cc] of Object.entries(COMPILERS)) {
    const version = versionOf(cc);
    if (version === null) throw new Error(`${cc} is not installed: ${INSTALL[isa]}`);
    record.compilers[isa] = version;
    mkdirSync(join(outDir, isa), { recursive: true });
    for (const src of sources()) {
      const obj = `${src.replace(/\.c$/, '').replaceAll('/', '-')}.o`;
      const out = join(outDir, isa, obj);
      execFileSync(cc, [...FLAGS, ...ISA_FLAGS[isa], `-ffile-prefix-map=${root}=.`, `-frandom-seed=${src}`, '-o', out, join(runtime, src)], { cwd: root, stdio: 'inherit' });
      record.objects[`${isa}/${obj}`] = sha256(readFileSync(out));
    }
  }
  return record;
}

const check = process.argv.includes('--check');
if (check) {
  const tmp = mkdtempSync(join(tmpdir(), 'kiln-runtime-'));
  try {
    const fresh = build(tmp);
    const committed = JSON.parse(readFileSync(join(runtime, 'obj', 'BUILD.json'), 'utf8'));
    const sameCompilers = JSON.stringify(fresh.compilers) === JSON.stringify(committed.compilers);
    const differ = Object.keys({ ...fresh.objects, ...committed.objects }).filter((k) => fresh.objects[k] !== committed.objects[k]);
    if (differ.length === 0) console.log(`runtime objects: ${Object.keys(fresh.objects).length} rebuilt, identical to the committed ones`);
    else if (!sameCompilers) {
      console.log(`runtime objects: ${differ.length} differ, but the compilers changed (committed: ${JSON.stringify(committed.compilers)}; here: ${JSON.stringify(fresh.compilers)}); not a failure — rebuild with node scripts/build-runtime.mjs when updating`);
    } else {
      console.error(`runtime objects differ from their sources with the same compilers: ${differ.join(', ')}; run node scripts/build-runtime.mjs and commit runtime/obj`);
      process.exit(1);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
} else {
  const out = join(runtime, 'obj');
  rmSync(out, { recursive: true, force: true });
  const record = build(out);
  writeFileSync(join(out, 'BUILD.json'), JSON.stringify(record, null, 2) + '\n');
  console.log(`built ${Object.keys(record.objects).length} runtime objects into runtime/obj`);
}
