/**
 * `kiln compile`'s progress on stderr: one line, `kiln: compiling N/M functions`, redrawn in
 * place as functions are done and erased at the end, so that whatever follows (an error, the
 * shell's prompt) starts on a clean line. Only when stderr is a terminal: a log file or a pipe
 * gets nothing.
 */

import type { ProgressCallback } from '../targets/progress.js';

export interface ProgressLine {
  /** undefined when nothing is shown (stderr is not a terminal) */
  readonly onProgress: ProgressCallback | undefined;
  /** erase the line, if one was drawn */
  end(): void;
}

/** carriage return, then erase to the end of the line (ECMA-48 EL) */
const CLEAR = '\r\x1b[K';

export function progressLine(stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  if (stream.isTTY !== true) return { onProgress: undefined, end: () => {} };
  let drawn = false;
  return {
    onProgress: (done, total) => {
      stream.write(`${CLEAR}kiln: compiling ${done}/${total} functions`);
      drawn = true;
    },
    end: () => {
      if (drawn) stream.write(CLEAR);
      drawn = false;
    },
  };
}
