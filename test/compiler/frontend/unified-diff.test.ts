/**
 * The golden tests' unified diff: equal texts give '', a change shows as -/+ lines with three
 * lines of context and correct hunk headers.
 */

import { describe, expect, it } from 'vitest';
import { unifiedDiff } from './unified-diff.js';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'x')).toBe('');
  });

  it('shows a changed line with removals first and three lines of context', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8'].join('\n');
    const b = ['1', '2', '3', '4', 'five', '6', '7', '8'].join('\n');
    expect(unifiedDiff(a, b, 'f.ir')).toBe(
      ['--- f.ir (expected)', '+++ f.ir (actual)', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8'].join('\n'),
    );
  });

  it('reports an added line at the end', () => {
    expect(unifiedDiff('a', 'a\nb', 'g')).toBe(['--- g (expected)', '+++ g (actual)', '@@ -1,1 +1,2 @@', ' a', '+b'].join('\n'));
  });
});
