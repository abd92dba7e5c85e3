/**
 * Linear memory growth: contents survive, new pages are zero, views are exact, `buffer` is
 * exactly size() pages, and growth reallocates once: the first grow allocates the memory's
 * whole reachable size (declared maximum, spec maximum, engine limit), whose untouched pages
 * the OS never commits.
 */

import { describe, expect, it } from 'vitest';
import { KilnError } from '../../../formats/errors.js';
import { MAX_PAGES, Memory, PAGE_SIZE } from '../../../loader/instance/memory.js';

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

  it('reallocates once when grown a page at a time: the first grow reserves the reachable size', () => {
    const m = new Memory({ limits: { min: 1, max: 1000 } });
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
    expect(reallocations).toBe(1);
    expect(m.reallocations).toBe(1);
    expect(m.dv.byteLength).toBe(1000 * PAGE_SIZE);
  });

  it('grows to 4 GiB a page at a time with one copy, without committing the untouched pages', () => {
    const m = new Memory({ limits: { min: 1 } });
    m.u8[0] = 1;
    const rssBefore = process.memoryUsage().rss;
    for (let i = 1; i < MAX_PAGES; i++) expect(m.grow(1)).toBe(i);
    expect(m.grow(1)).toBe(-1);
    expect(m.size()).toBe(MAX_PAGES);
    expect(m.reallocations).toBe(1);
    const last = MAX_PAGES * PAGE_SIZE - 4;
    m.dv.setInt32(last, -7, true);
    expect(m.dv.getInt32(last, true)).toBe(-7);
    expect(m.u8[0]).toBe(1);
    // a generous bound: committing every page would add 4 GiB (copying one page adds 64 KiB)
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(512 * 2 ** 20);
  });

  it('an engine limit caps growth below the declared maximum', () => {
    const m = new Memory({ limits: { min: 1, max: 100 } }, 10);
    expect(m.maxPages).toBe(10);
    expect(m.grow(9)).toBe(1);
    expect(m.grow(1)).toBe(-1);
    expect(m.size()).toBe(10);
    expect(m.dv.byteLength).toBe(10 * PAGE_SIZE);
    expect(new Memory({ limits: { min: 1, max: 5 } }, 10).maxPages).toBe(5);
    expect(new Memory({ limits: { min: 0 } }, 0).grow(1)).toBe(-1);
  });

  it('refuses an initial size above the engine limit as uninstantiable', () => {
    let error: unknown = null;
    try {
      new Memory({ limits: { min: 11 } }, 10);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KilnError);
    expect((error as KilnError).kind).toBe('uninstantiable');
    expect((error as KilnError).reason).toBe('a memory of 11 pages exceeds the limit of 10 pages (655360 bytes)');
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
