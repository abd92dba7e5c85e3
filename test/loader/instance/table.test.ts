/** Table instances: growth limits, and a clean error (not an out-of-memory abort) for huge tables. */

import { describe, expect, it } from 'vitest';
import { MAX_TABLE_ELEMS, Table } from '../../../loader/instance/table.js';
import { KilnError } from '../../../formats/errors.js';

describe('Table', () => {
  it('refuses an initial size beyond the limit as uninstantiable', () => {
    let error: unknown = null;
    try {
      new Table({ elem: 0x70, limits: { min: 4_000_000_000 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KilnError);
    expect((error as KilnError).kind).toBe('uninstantiable');
    expect((error as KilnError).reason).toBe(`table of 4000000000 elements exceeds kiln's limit of ${MAX_TABLE_ELEMS} elements`);
  });

  it('grows up to its maximum and the limit, then reports -1', () => {
    const t = new Table({ elem: 0x70, limits: { min: 1, max: 3 } });
    expect(t.grow(2, null)).toBe(1);
    expect(t.grow(1, null)).toBe(-1);
    const unbounded = new Table({ elem: 0x6f, limits: { min: 0 } });
    expect(unbounded.grow(MAX_TABLE_ELEMS + 1, null)).toBe(-1);
    expect(unbounded.size()).toBe(0);
  });
});
