/**
 * Which kiln wrote an artifact: package.json's version and the build id, a hash over the code
 * generator's sources computed at build time (scripts/build-id.mjs writes
 * build-id.generated.ts; `npm run build` runs it first).
 */

export { BUILD_ID, BUILD_VERSION } from './build-id.generated.js';
