/**
 * Text helpers shared by the A64 printers (print.ts, print-simd.ts): the shape of an objdump
 * line and its number formats.
 */

/** The mnemonic, a tab, then the operands joined by ", "; the bare mnemonic without operands. */
export function line(mnemonic: string, ...operands: string[]): string {
  return operands.length === 0 ? mnemonic : `${mnemonic}\t${operands.join(', ')}`;
}

/** An immediate in objdump's hex: 0x1f. */
export function hex(v: number | bigint): string {
  return '0x' + v.toString(16);
}

/** A floating-point immediate as C's `%.18e` prints it, with objdump's `#`. */
export function fpText(v: number): string {
  const [mant, exp] = v.toExponential(18).split('e') as [string, string];
  const sign = exp.startsWith('-') ? '-' : '+';
  const digits = exp.replace(/^[+-]/, '').padStart(2, '0');
  return `#${mant}e${sign}${digits}`;
}
