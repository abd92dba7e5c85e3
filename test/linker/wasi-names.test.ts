/**
 * The WASI ids of standalone executables: linker/wasi-names.ts (what the module image writes
 * into each import's host context) is loader/wasi's 46 functions sorted by byte order, the same
 * numbering as runtime/wasi/ids.h.
 */

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WASI_NAMES } from '../../linker/wasi-names.js';
import { createWasi } from '../../loader/wasi/index.js';

describe('WASI ids', () => {
  it('are loader/wasi\'s functions in byte order', () => {
    const names = Object.keys(createWasi({ args: [], env: {}, preopens: [] }).functions).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect([...WASI_NAMES]).toEqual(names);
    expect(WASI_NAMES).toHaveLength(46);
  });

  it('match runtime/wasi/ids.h', () => {
    const header = fs.readFileSync(new URL('../../runtime/wasi/ids.h', import.meta.url), 'utf8');
    const defined = [...header.matchAll(/#define KILN_WASI_([A-Z0-9_]+) (\d+)/g)].filter((m) => m[1] !== 'COUNT').map((m) => [(m[1] as string).toLowerCase(), Number(m[2])]);
    expect(defined).toEqual(WASI_NAMES.map((n, id) => [n, id]));
  });
});
