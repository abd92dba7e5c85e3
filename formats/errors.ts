/**
 * KilnError: every user-facing failure in kiln is one of these, carrying a kind,
 * the spec's wording where one exists, and a location (file + byte offset, or line:column).
 * The CLI prints `error.format()` as one line and exits non-zero.
 */

export type ErrorKind =
  | 'malformed' // binary or text that does not decode (spec: assert_malformed)
  | 'invalid' // decodes but fails validation (spec: assert_invalid)
  | 'unlinkable' // imports do not match (spec: assert_unlinkable)
  | 'uninstantiable' // start/segment initialisation failed (spec: assert_uninstantiable)
  | 'trap' // runtime trap
  | 'io' // file system / OS level failure
  | 'unsupported' // valid, but a kiln component cannot handle it yet (e.g. v128 in the native compiler)
  | 'exit' // a program's exit code that the host cannot pass on (proc_exit beyond 255)
  | 'corrupt' // a compiled artifact (.cwasm) that is damaged or inconsistent
  | 'incompatible' // a compiled artifact made for another target, kiln, CPU or options
  | 'usage' // bad command line
  | 'package'; // a malformed or unsafe app package (.kapp zip or manifest)

export interface Location {
  file?: string;
  /** byte offset into a binary module */
  offset?: number;
  /** 1-based line and column into a text file */
  line?: number;
  column?: number;
}

export class KilnError extends Error {
  readonly kind: ErrorKind;
  readonly reason: string;
  loc: Location;

  constructor(kind: ErrorKind, reason: string, loc: Location = {}) {
    super(reason);
    this.name = 'KilnError';
    this.kind = kind;
    this.reason = reason;
    this.loc = loc;
  }

  /** One line: `file:offset: kind: reason` or `file:line:col: kind: reason` ('package': no `kind: `). */
  format(): string {
    const where: string[] = [];
    if (this.loc.file !== undefined) where.push(this.loc.file);
    if (this.loc.line !== undefined) {
      where.push(String(this.loc.line));
      if (this.loc.column !== undefined) where.push(String(this.loc.column));
    } else if (this.loc.offset !== undefined) {
      where.push('0x' + this.loc.offset.toString(16));
    }
    const prefix = where.length > 0 ? where.join(':') + ': ' : '';
    // 'package' errors read as `file:line: key: problem`, with no kind word
    const kind = this.kind === 'package' ? '' : `${this.kind}: `;
    return `${prefix}${kind}${this.reason}`;
  }

  override get message(): string {
    return this.format();
  }
  override set message(_v: string) {
    /* message is derived */
  }
}

export const malformed = (reason: string, offset?: number): KilnError =>
  new KilnError('malformed', reason, offset === undefined ? {} : { offset });
export const invalid = (reason: string, offset?: number): KilnError =>
  new KilnError('invalid', reason, offset === undefined ? {} : { offset });

export function isKilnError(e: unknown): e is KilnError {
  return e instanceof KilnError;
}
