// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench-tmp/**', '**/*.tmp.*', '.cache/**', 'conformance/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  // The layers (docs/architecture.md): the core is pure, IO lives in src/node, the CLI only parses and formats.
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^node:(?!path$)', message: 'src/core is pure: IO goes in src/node (node:path is the one builtin it may use).' },
            {
              regex: '^(fs|os|child_process|http|https|net|crypto|process|url|util|stream|worker_threads)(/.*)?$',
              message: 'src/core is pure: IO goes in src/node.',
            },
            { regex: '(^|/)(node|cli)(/|$)', message: 'src/core imports nothing from src/node or src/cli.' },
            { regex: '/resolve-effective$', message: 'src/core imports nothing that reads the disk.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core is pure: take what it needs as options.' }],
    },
  },
  {
    files: ['src/node/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)cli(/|$)', message: 'src/node imports nothing from src/cli.' }] }],
    },
  },
  {
    files: ['src/cli/**', 'examples/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Diagnostics are data: sites give a code and its arguments, the catalogue renders the sentences.
    files: ['src/**'],
    ignores: ['src/core/catalogue/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ObjectExpression:has(> Property[key.name='code']):has(> Property[key.name='severity']):has(> Property[key.name='message'])",
          message: "Build diagnostics with diagnostic(code, args, place) from src/core/catalogue; add the code's message to the catalogue.",
        },
      ],
    },
  },
);
