/**
 * Where the WAT printer's lines go: collected into one string (printModule), or handed on
 * in chunks of about CHUNK characters (printModuleTo), so that printing a module whose text
 * is larger than a JavaScript string can hold needs only bounded memory.
 */

import { KilnError } from '../errors.js';

const CHUNK = 1 << 16;
/** longest text printModule returns as one string (V8's limit is about 2^29 characters) */
export const MAX_STRING_TEXT = 1 << 28;

export class LineSink {
  private readonly lines: string[] = [];
  /** characters in lines[0 .. counted) */
  private pending = 0;
  private counted = 0;

  constructor(private readonly write: (chunk: string) => void) {}

  /** the array to append lines to (each without its newline); call `flushIfFull` now and then */
  get buffer(): string[] {
    return this.lines;
  }

  /** hand the lines on once they add up to a chunk */
  flushIfFull(): void {
    const lines = this.lines;
    for (; this.counted < lines.length; this.counted++) this.pending += (lines[this.counted] as string).length + 1;
    if (this.pending >= CHUNK) this.flush();
  }

  flush(): void {
    if (this.lines.length === 0) return;
    this.write(this.lines.join('\n') + '\n');
    // emptied in place: the printer keeps a reference to this array (`buffer`)
    this.lines.length = 0;
    this.pending = 0;
    this.counted = 0;
  }
}

/** a writer that keeps every chunk, refusing to grow past MAX_STRING_TEXT */
export function stringCollector(): { write: (chunk: string) => void; text: () => string } {
  const chunks: string[] = [];
  let total = 0;
  return {
    write(chunk: string): void {
      total += chunk.length;
      if (total > MAX_STRING_TEXT) {
        throw new KilnError(
          'usage',
          `the module's text form is larger than ${MAX_STRING_TEXT} characters; print it to a stream (printModuleTo)`,
        );
      }
      chunks.push(chunk);
    },
    text: () => chunks.join(''),
  };
}
