/**
 * The WASI sandbox escape suite (suite.ts) run through `kiln run` on each engine (native and
 * interpreter), twice each: with the kernel's
 * openat2(RESOLVE_BENEATH) resolution, and with the component-by-component walk forced
 * (KILN_WASI_RESOLVE=walk), so the fallback is proven too. Every guest must print exactly its
 * expected transcript, never the secret, and leave everything outside rw/ (the secret and the
 * read-only tree included) byte for byte as it was. BLESS=1 rewrites the transcripts (review
 * the diff: each line is a security decision).
 */

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasOpenat2 } from '../../loader/wasi/host-fs.js';
import { EXPECTED_DIR, type GuestRunner, guestNames, runGuest } from './suite.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const kilnBin = path.join(root, 'bin', 'kiln.js');

/** `kiln run --engine E --dir HOST::GUEST --dir-readonly HOST::GUEST guest.wasm` */
const kilnRun = (engine: string): GuestRunner => (wasm, preopens, env) => {
  const args = ['run', '--engine', engine];
  for (const p of preopens) args.push(p.readonly ? '--dir-readonly' : '--dir', `${p.host}::${p.guest}`);
  args.push(wasm);
  const r = spawnSync(process.execPath, [kilnBin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    input: '',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

const guests = guestNames();

describe('the escape suite has its guests', () => {
  it('has at least six guest programs, each with a transcript', () => {
    expect(guests.length).toBeGreaterThanOrEqual(6);
    for (const g of guests) expect(fs.existsSync(path.join(EXPECTED_DIR, g + '.txt'))).toBe(true);
  });
  it('runs the openat2 pass on a kernel that has openat2 (this machine)', () => {
    expect(hasOpenat2()).toBe(true);
  });
});

for (const [mode, engine] of [['openat2', 'native'], ['openat2', 'interp'], ['walk', 'native'], ['walk', 'interp']] as const) {
  describe(`kiln run --engine ${engine}, path resolution by ${mode}`, () => {
    for (const g of guests) {
      it(`${g}: the expected transcript, no secret, nothing outside rw/ changed`, () => {
        const r = runGuest(g, kilnRun(engine), mode === 'walk' ? { KILN_WASI_RESOLVE: 'walk' } : {});
        if (process.env['BLESS'] === '1' && mode === 'openat2' && engine === 'interp') fs.writeFileSync(path.join(EXPECTED_DIR, g + '.txt'), r.run.stdout);
        expect(r.run.stderr).toBe('');
        expect(r.run.code).toBe(0);
        expect(r.leaked).toBe(false);
        expect(r.changedOutside).toEqual([]);
        expect(r.run.stdout).toBe(r.expected);
      });
    }
  });
}
