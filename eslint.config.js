// ESLint flat config: typescript-eslint's recommended rules and the React hooks rules (they know the hooks by
// name, so they hold for preact/compat and preact/hooks too). Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// what lib/form reads only through lib/form/native.ts
const NATIVE_READS = [
  'localName',
  'parentElement',
  'parentNode',
  'nodeType',
  'isConnected',
  'nextSibling',
  'previousSibling',
  'firstChild',
  'childNodes',
  'contains',
  'getRootNode',
  'ownerDocument',
  'compareDocumentPosition',
  'className',
  'shadowRoot',
  'getAttribute',
  'hasAttribute',
  'closest',
  'matches',
  'checkVisibility',
  'getBoundingClientRect',
  'nextElementSibling',
  'previousElementSibling',
  'firstElementChild',
  'lastElementChild',
  'childElementCount',
  'querySelector',
  'querySelectorAll',
];

export default tseslint.config(
  {
    ignores: [
      '.output/',
      '.wxt/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
      // fixture pages imitate third-party host systems (ES5, page globals, their style) or are generated: not ours
      'tests/fixtures/**/*.js',
      // a project of its own (own package.json and node_modules), with built bundles in dist/
      'tests/fixtures/frameworks/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.webextensions },
    },
    rules: {
      // `_`-names and rest siblings mark what is dropped on purpose (`const { history: _history, ...row } = entry`)
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // the ideographic space U+3000 (全角空格) is ordinary in Chinese text, comments and fixtures; in code it stays an error
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipTemplates: true, skipRegExps: true, skipComments: true, skipJSXText: true },
      ],
    },
  },
  {
    // The classic hooks rules. The plugin's recommended set also runs the React Compiler's diagnostics, which took
    // two thirds of the lint's time and judge code for a compiler the project does not use (and the overlay moves
    // to Preact). UI code only: lib/ is framework-free.
    files: ['components/**', 'entrypoints/**', '**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // a function a newcomer can hold in view (issue 12): longer ones are split into named steps, or say why not
    files: ['lib/**', 'entrypoints/**', 'components/**', 'scripts/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // the reader reads the page's elements through the DOM's prototypes: a form's named controls shadow these
    // properties, and reading one after a change rebuilds the form's control map (lib/form/native.ts)
    files: ['lib/form/**'],
    ignores: ['lib/form/native.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `MemberExpression[property.name=/^(${NATIVE_READS.join('|')})$/]`,
          message: 'Read page elements through lib/form/native.ts (a form answers this with its named controls first).',
        },
      ],
    },
  },
  {
    files: ['scripts/**', 'tests/**', '*.config.{js,ts}', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // the invisible-character class lists combining marks and variation selectors one by one: each is removed alone
    files: ['lib/text/fold.ts'],
    rules: { 'no-misleading-character-class': 'off' },
  },
  {
    // a Playwright fixture with no dependencies must still destructure its first argument: `async ({}, use) =>`
    files: ['tests/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
