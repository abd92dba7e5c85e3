/**
 * Linear memory growth: contents survive, new pages are zero, views are exact, `buffer` is
 * exactly size() pages, and growing a page at a time reallocates only logarithmically often
 * (amortised O(1) copying per page instead of a full copy per grow).
 */

import { describe, expect, it } from 'vitest';
import { Memory, PAGE_SIZE } from '../../../loader/instance/memory.js';

describe('Memory', () => {
  it('keeps contents and zero-fills new pages across many single-page grows', () => {
    const m = new Memory({ limits: { min: 1 } });
    m.u8[5] = 42;
    for (let i = 0; i < 50; i++) {
      expect(m.grow(1)).toBe(1 + i);
      const last = m.bytes();
      expect(last.length).toBe((2 + i) * PAGE_SIZE);
      expect(last[last.length - 1]).toBe(0);
      last[(1 + i) * PAGE_SIZE] = i + 1; // first byte of the new page
    }
    const bytes = m.bytes();
    expect(bytes[5]).toBe(42);
    for (let i = 0; i < 50; i++) expect(bytes[(1 + i) * PAGE_SIZE]).toBe(i + 1);
  });

  it('reallocates only O(log n) times when grown a page at a time', () => {
    const m = new Memory({ limits: { min: 1 } });
    let reallocations = 0;
    let backing = m.dv.buffer;
    for (let i = 0; i < 400; i++) {
      m.grow(1);
      if (m.dv.buffer !== backing) {
        reallocations++;
        backing = m.dv.buffer;
      }
    }
    expect(m.size()).toBe(401);
    expect(reallocations).toBeLessThanOrEqual(16); // log_1.5(401) ≈ 15
  });

  it('exposes exact views: bytes() and buffer are size() pages, spare capacity is hidden', () => {
    const m = new Memory({ limits: { min: 1 } });
    m.grow(2);
    m.grow(1);
    expect(m.bytes().length).toBe(4 * PAGE_SIZE);
    expect(m.u8.length).toBe(4 * PAGE_SIZE);
    m.u8[3 * PAGE_SIZE + 7] = 9;
    const buf = m.buffer;
    expect(buf.byteLength).toBe(4 * PAGE_SIZE);
    expect(new Uint8Array(buf)[3 * PAGE_SIZE + 7]).toBe(9);
    // after `buffer` trimmed the capacity, growth and the contents still work
    expect(m.grow(1)).toBe(4);
    expect(m.bytes()[3 * PAGE_SIZE + 7]).toBe(9);
    expect(m.buffer.byteLength).toBe(5 * PAGE_SIZE);
  });

  it('refuses growth beyond the maximum, and a negative delta', () => {
    const m = new Memory({ limits: { min: 1, max: 3 } });
    expect(m.grow(2)).toBe(1);
    expect(m.grow(1)).toBe(-1);
    expect(m.grow(-1)).toBe(-1);
    expect(m.size()).toBe(3);
    expect(m.grow(0)).toBe(3);
  });
});
