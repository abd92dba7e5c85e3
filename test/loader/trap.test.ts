/** KilnTrap's human form: kind first, frames innermost first, repeated frames collapsed. */

import { describe, expect, it } from 'vitest';
import { KilnTrap } from '../../loader/trap.js';

describe('KilnTrap.backtrace', () => {
  it('lists frames innermost first with offsets when known', () => {
    const t = new KilnTrap('unreachable', [
      { funcIndex: 3, name: 'leaf', offset: 0x2a },
      { funcIndex: 1, name: 'main' },
    ]);
    expect(t.backtrace()).toBe('trap: unreachable\n  at leaf (func 3 @0x2a)\n  at main (func 1)');
  });

  it('collapses a run of identical frames into one line and a count', () => {
    const rec = { funcIndex: 0, name: 'r' };
    const t = new KilnTrap('call stack exhausted', [rec, rec, rec, { funcIndex: 1, name: 'main' }, rec]);
    expect(t.backtrace()).toBe(
      'trap: call stack exhausted\n  at r (func 0)\n  … the frame above repeated 2 more times\n  at main (func 1)\n  at r (func 0)',
    );
    expect(new KilnTrap('unreachable', [rec, rec]).backtrace()).toContain('repeated 1 more time\n'.trimEnd());
  });

  it('is a KilnError of kind trap whose reason is the spec wording', () => {
    const t = new KilnTrap('integer divide by zero');
    expect(t.kind).toBe('trap');
    expect(t.reason).toBe('integer divide by zero');
    expect(t.backtrace()).toBe('trap: integer divide by zero');
  });
});
