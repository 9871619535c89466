import { bootReader } from './boot';

// Injected by the background into every frame of an enabled system (lib/sites), never declared in the manifest;
// built as a plain script (wxt.config.ts hooks).
export default defineUnlistedScript(() => bootReader());
