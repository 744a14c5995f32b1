import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * One no-restricted-imports block; `patterns` are regexes over the import specifier as written.
 * @param {string[]} files
 * @param {{ regex: string, message: string }[]} patterns
 * @param {string[]} [ignores]
 * @param {{ name: string, message: string }[]} [paths]
 */
function restrictImports(files, patterns, ignores = [], paths = []) {
  return { files, ignores, rules: { 'no-restricted-imports': ['error', { paths, patterns }] } };
}

/** @type {(name: string, message: string) => { regex: string, message: string }} */
const folder = (name, message) => ({ regex: `(^|/)${name}(/|$)`, message });

// The core is plain TypeScript tested in plain Node: it must never depend on the editor, and it returns facts
// (states, dates, counts), not how the UI shows them: words, codicons and menu values live in src/ui/view.
const CORE = [
  { regex: '^vscode$', message: 'src/core must not import vscode; put editor code in src/ui.' },
  folder('ui', 'src/core must not import src/ui; return facts and let the UI word them.'),
  { regex: '(^|/)(token)?[Pp]resentation$', message: 'View text and icons live in src/ui/view (presentation.ts, tokenPresentation.ts), which core must not use.' },
];
const NOT_OPS = folder('ops', 'Only PatService users (ops/, the UI) build on core/ops; see the code map.');
const NOT_STORE = folder('store', 'Only PatService reaches the store; see the code map.');
const NOT_SCOPES = folder('scopes', 'The scope catalogue is for the UI and loads lazily; see the code map.');
const NOT_CLIENT = folder('client', 'Only PatService and ui/log.ts (redactingLogger) use core/client; see the code map.');
const NOT_CLIENT_BUT_REDACT = { regex: '(^|/)client/(?!redact$)', message: 'The root files use only client/redact.ts; see the code map.' };
const NOT_STORE_BUT_SECRET_KEYS = { regex: '(^|/)store/(?!secretKeys$)', message: 'core/client uses only store/secretKeys.ts (checkedId); see the code map.' };
const NOT_PAT_SERVICE = { regex: '(^|/)patService$', message: 'PatService builds on this folder, not the other way round; see the code map.' };
const NOT_COMMANDS = folder('commands', 'Commands use this folder, not the other way round; see the code map.');
const NOT_PROMPTS = folder('prompts', 'Only commands ask questions; see the code map.');
const NOT_TREE = folder('tree', 'Only commands and activation use the tree; see the code map.');
const NOT_AUTH = folder('auth', 'The authentication provider stands apart; see the code map.');
const NOT_UI_SIBLING = { regex: '^\\.\\./(?!\\.\\./)', message: 'src/ui/view imports the core only; see the code map.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/runner/tools/**', '**/*.js'] },
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
  // The folder directions of ARCHITECTURE.md's code map. A later block replaces an earlier one's
  // no-restricted-imports for the same file, so each block below repeats the rules of the layer it is in.
  restrictImports(['src/core/**/*.ts'], CORE),
  restrictImports(['src/core/*.ts'], [...CORE, NOT_OPS, NOT_STORE, NOT_SCOPES, NOT_CLIENT_BUT_REDACT], ['src/core/patService.ts', 'src/core/lazyPatService.ts']),
  // lazyPatService is PatService as activation sees it: the same reach, loading the rest on first use.
  restrictImports(['src/core/patService.ts', 'src/core/lazyPatService.ts'], [...CORE, NOT_OPS, NOT_SCOPES]),
  restrictImports(['src/core/client/**/*.ts'], [...CORE, NOT_OPS, NOT_SCOPES, NOT_PAT_SERVICE, NOT_STORE_BUT_SECRET_KEYS]),
  restrictImports(['src/core/store/**/*.ts'], [...CORE, NOT_OPS, NOT_SCOPES, NOT_PAT_SERVICE, NOT_CLIENT]),
  restrictImports(['src/core/ops/**/*.ts'], [...CORE, NOT_CLIENT, NOT_STORE, NOT_SCOPES]),
  restrictImports(['src/core/scopes/**/*.ts'], [...CORE, NOT_OPS, NOT_STORE, NOT_CLIENT, NOT_PAT_SERVICE]),
  restrictImports(['src/ui/**/*.ts'], [NOT_CLIENT], ['src/ui/log.ts']),
  // The Prompts interface, its implementations and input checks serve every command: they never reach into one.
  restrictImports(['src/ui/prompts/**/*.ts'], [NOT_CLIENT, NOT_COMMANDS, NOT_TREE, NOT_AUTH]),
  restrictImports(['src/ui/tree/**/*.ts'], [NOT_CLIENT, NOT_COMMANDS, NOT_PROMPTS, NOT_AUTH]),
  restrictImports(['src/ui/auth/**/*.ts'], [NOT_CLIENT, NOT_COMMANDS, NOT_PROMPTS, NOT_TREE]),
  // What the tree and prompts show is plain data, unit-tested without the editor.
  restrictImports(['src/ui/view/**/*.ts'], [NOT_CLIENT, NOT_UI_SIBLING], [], [
    { name: 'vscode', message: 'src/ui/view is vscode-free data; render it in src/ui/tree or src/ui/commands.' },
  ]),
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
