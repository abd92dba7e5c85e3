/**
 * WasiOptions.maxOpenFiles (an app's `limits.open-files`, docs/kapp.md): the guest holds at most
 * that many descriptors, stdio and preopens included; path_open beyond it fails with EMFILE
 * before any host descriptor is opened, closing one makes room again, and a limit too small for
 * stdio and the preopens is refused when the WASI instance is made.
 */

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWasi, ERRNO } from '../../../loader/wasi/index.js';
import { Guest, rmrf, tempDir } from './harness.js';

const BOX = 3;

describe('maxOpenFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
    for (const n of ['a', 'b', 'c']) fs.writeFileSync(path.join(dir, n), n);
  });
  afterEach(() => rmrf(dir));

  it('counts stdio and preopens, refuses beyond with EMFILE, and frees a slot on close', () => {
    const g = new Guest({ args: [], env: {}, preopens: [{ hostPath: dir, guestPath: '/box' }], maxOpenFiles: 6 });
    const [e1, fd1] = g.open(BOX, 'a');
    const [e2] = g.open(BOX, 'b');
    expect([e1, e2]).toEqual([0, 0]);
    expect(g.open(BOX, 'c')[0]).toBe(ERRNO.MFILE);
    expect(g.call('fd_close', fd1)).toBe(0);
    expect(g.open(BOX, 'c')[0]).toBe(0);
  });

  it('is refused when it cannot hold stdio and the preopens', () => {
    expect(() => createWasi({ args: [], env: {}, preopens: [{ hostPath: dir, guestPath: '/box' }], maxOpenFiles: 3 })).toThrow(
      'an open-file limit of 3 cannot hold the 3 stdio descriptors and 1 preopened directory (4 descriptors)',
    );
  });
});
