/**
 * Loading kiln's own modules on use, so that a command loads only the code it runs. Where
 * Node can `require` an ES module (Node ≥ 20.19, `process.features.require_module`), the
 * module graph is loaded synchronously, which costs noticeably less at start-up than the
 * asynchronous `import()` (fewer promise round trips and asynchronous file reads per file);
 * elsewhere, `import()`. Paths are relative to this directory (cli/).
 */

import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);
const canRequireEsm = (process.features as { require_module?: boolean }).require_module === true;

export async function loadCli<T>(path: string): Promise<T> {
  if (canRequireEsm) {
    try {
      return requireHere(path) as T;
    } catch (e) {
      // a module with top-level await cannot be required: import it instead
      if ((e as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ASYNC_MODULE') throw e;
    }
  }
  return (await import(new URL(path, import.meta.url).href)) as T;
}
