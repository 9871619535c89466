import { defineConfig } from 'vitest/config';
import { PREACT_ALIASES } from './scripts/ui-runtime.ts';

export default defineConfig({
  resolve: { alias: PREACT_ALIASES },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    // bundled through the aliases above, so that its hooks are Preact's as in the build (dexie-react-hooks imports react)
    server: { deps: { inline: ['dexie-react-hooks'] } },
  },
});
