import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The package checks read what `npm run package` wrote into .output/; scripts/test.mjs runs them after it.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['tests/packages/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
  },
});
