import type { Alias } from 'vite';

/**
 * One UI runtime for the overlay, the popup and the dashboard: Preact, through its React-compatible API (the code
 * is written against React's types). Used by the extension's build (wxt.config.ts) and the unit tests
 * (vitest.config.ts), so that tests render with what ships.
 */
export const PREACT_ALIASES: Alias[] = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
];
