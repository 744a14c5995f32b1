import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/runner/tools/**', '**/*.js', 'test/unit/fixtures/**', 'test/fixtures/workspace/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // The .mjs build, lint and launcher files are in no world of tsconfig.json: tsconfig.mjs.json types them.
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', 'test/runner/*.mjs'], defaultProject: 'tsconfig.mjs.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The core is plain TypeScript tested in plain Node: it must never depend on the editor, and it returns facts
    // (states, dates, counts), not how the UI shows them: words, codicons and menu values live in src/ui/view.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core must not import vscode; put editor code in src/ui.' }],
          patterns: [
            { regex: '(^|/)ui(/|$)', message: 'src/core must not import src/ui; return facts and let the UI word them.' },
            { regex: '(^|/)(token)?[Pp]resentation$', message: 'View text and icons live in src/ui/view (presentation.ts, tokenPresentation.ts), which core must not use.' },
          ],
        },
      ],
    },
  },
  {
    // What the tree and prompts show is plain data, unit-tested without the editor.
    files: ['src/ui/view/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/ui/view is vscode-free data; render it in src/ui/tree or src/ui/prompts.' }] }],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.mjs'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
