/**
 * The register allocator's public face: the contract types (mach.ts), the allocator, the
 * checker and the dump. docs/regalloc.md describes them.
 */

export * from './mach.js';
export { Allocator, allocate, type AllocStats, type AllocatorOptions } from './allocator.js';
export { checkAllocation } from './checker.js';
export { printAllocation } from './print.js';
