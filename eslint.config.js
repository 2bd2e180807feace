import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CONSOLE = 'apps/api/src/console/public/**/*.js';
const TESTS = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**', 'bench/**', 'libs/testing/**', 'libs/*/src/testing/**'];

// Typed events at the store boundary: a cast to never hides a wrong payload from the compiler.
const AS_NEVER_MESSAGE = 'No `as never` casts: give the value its real type.';
const NO_AS_NEVER = [
  { selector: 'TSAsExpression > TSNeverKeyword.typeAnnotation', message: AS_NEVER_MESSAGE },
  { selector: 'TSAsExpression > TSArrayType.typeAnnotation > TSNeverKeyword.elementType', message: AS_NEVER_MESSAGE },
];

// The event store owns these tables; everyone else goes through its methods.
const STORE_TABLES = String.raw`\b(FROM|INTO|UPDATE|JOIN|TABLE)\s+(events|unique_keys|idempotency_keys|relay_checkpoints)\b`;
const STORE_TABLE_MESSAGE =
  'Only libs/event-store touches events, unique_keys, idempotency_keys and relay_checkpoints: call an EventStore method.';
const NO_STORE_TABLE_SQL = [
  { selector: `Literal[value=/${STORE_TABLES}/i]`, message: STORE_TABLE_MESSAGE },
  { selector: `TemplateElement[value.raw=/${STORE_TABLES}/i]`, message: STORE_TABLE_MESSAGE },
];

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'bench/results/**', 'test/artifacts/**'] },
  {
    files: ['**/*.js'],
    ignores: [CONSOLE],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    // The web console: plain browser ES modules served as they are.
    files: [CONSOLE],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.strict],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // A `default:` is a deliberate catch-all; a switch without one must name every member.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Nest modules are empty classes that carry a decorator.
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Input validation and canonical JSON look for control characters on purpose.
      'no-control-regex': 'off',
      'no-restricted-syntax': ['error', ...NO_AS_NEVER, ...NO_STORE_TABLE_SQL],
    },
  },
  {
    files: ['libs/event-store/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_AS_NEVER] },
  },
  {
    files: TESTS,
    rules: {
      'no-restricted-syntax': 'off',
      // Tests assert the value is there, and reset process.env and fixtures key by key.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-dynamic-delete': 'off',
    },
  },
  prettier,
);
