// ESLint (typescript-eslint, type-aware) for the Node TypeScript and the dashboard's browser modules.
// Formatting is Prettier's job (`.prettierrc.json`); these rules catch bugs, not style.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const untyped = tseslint.configs.disableTypeChecked;

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json', './tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits loses its error. node:test's test()/describe() are awaited by the runner.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Nest modules and decorated classes may be empty by design.
      '@typescript-eslint/no-extraneous-class': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // A server's handler refers to the instance that wraps the server: declared first, assigned once after.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `(await db.query(sql)) as Row[]` is how every repository types a raw query's rows; the rule's
      // generic-call variant would rewrite 120 of them into query<Row[]>() for no change in checking.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Tests read JSON answers (`any` by nature) and assert on their shape: the assertions are the check.
    files: ['**/*spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Fakes stand in for async APIs without awaiting anything; failure messages print whatever they got.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
  {
    // The dashboard's browser modules: plain JavaScript with JSDoc types (checked by their own tsconfig).
    files: ['apps/api/src/dashboard/web/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...untyped.languageOptions, globals: globals.browser, sourceType: 'module' },
  },
  {
    files: ['**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...untyped.languageOptions, globals: globals.node, sourceType: 'commonjs' },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
