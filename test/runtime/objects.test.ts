/**
 * The committed objects of kiln's native runtime (runtime/obj/, what `kiln build` links) are
 * what their sources give: scripts/build-runtime.mjs --check rebuilds them with Debian's gcc and
 * aarch64-linux-gnu-gcc and fails when an object differs while the compilers are the ones
 * recorded in runtime/obj/BUILD.json (it says so, without failing, when the compilers changed).
 * Also: BUILD.json lists exactly the objects there are.
 */

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const obj = path.join(root, 'runtime', 'obj');

describe('the runtime objects', () => {
  it('are listed in BUILD.json, each with its hash', () => {
    const record = JSON.parse(fs.readFileSync(path.join(obj, 'BUILD.json'), 'utf8')) as { objects: Record<string, string>; compilers: Record<string, string> };
    const present = ['x86_64', 'aarch64'].flatMap((isa) => fs.readdirSync(path.join(obj, isa)).map((n) => `${isa}/${n}`)).sort();
    expect(Object.keys(record.objects).sort()).toEqual(present);
    expect(Object.keys(record.compilers).sort()).toEqual(['aarch64', 'x86_64']);
  });

  it('match their sources (scripts/build-runtime.mjs --check)', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-runtime.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    console.log(r.stdout.trim());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
