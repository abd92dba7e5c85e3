/** The engine registry (cli/engines.ts) that `kiln run --engine` selects from. */

import { describe, expect, it } from 'vitest';
import { KilnError } from '../../formats/errors.js';
import { ENGINE_NAMES } from '../../cli/engine-names.js';
import { ENGINES, allEngines, selectEngine } from '../../cli/engines.js';
import { interpEngine } from '../../loader/interp/index.js';

describe('engine registry', () => {
  it('has one engine per accepted name, each named as registered', () => {
    expect(Object.keys(ENGINES).sort()).toEqual([...ENGINE_NAMES].sort());
    for (const e of allEngines()) expect(selectEngine(e.name)).toBe(e);
    expect(selectEngine('interp')).toBe(interpEngine);
  });

  it('rejects an unknown name as a usage error listing the engines', () => {
    let err: unknown;
    try {
      selectEngine('jit');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KilnError);
    expect((err as KilnError).kind).toBe('usage');
    expect((err as KilnError).message).toContain(`available: ${ENGINE_NAMES.join(', ')}`);
  });
});
