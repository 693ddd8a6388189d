import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'docs/**', '.tmp/**', 'examples/deploy/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly',
        clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly',
        TextDecoder: 'readonly', TextEncoder: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly',
        setImmediate: 'readonly', queueMicrotask: 'readonly', fetch: 'readonly', document: 'readonly',
        window: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Type-aware strict rules for the library's sources.
    files: ['src/**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Numbers and booleans read well in messages (`${size} bytes`, `${done}`); objects and
      // `undefined` in a template are still errors.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `(x) => resolve(x)` is the callback idiom of node:http and Promise executors, and
      // `return reply(res, 404)` in a function that returns nothing is an early exit; a void
      // value used anywhere else (an argument, a condition, a value returned) stays an error.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // With `noUncheckedIndexedAccess` every index read is `T | undefined`; the `!` marks a
      // read whose bound was checked just before (a loop bound, a regex group that matched),
      // which the compiler cannot follow. Reads with no such check use `?? default` instead.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Public signatures spell a default type argument (`SqsMessage<string>`,
      // `Handler<unknown>`) so a reader sees the body type without looking the default up.
      '@typescript-eslint/no-unnecessary-type-arguments': 'off',
      // `json<T>()` and `recordsOf<R>()` let the caller name the type of parsed input: the
      // type parameter used once is the API, not an accident.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      // A caught value, or a stream's error, is passed on as it came: wrapping it would lose
      // what the caller may test for (its class, its `code`).
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // A switch over a union names every member (or has a default), so a new member is a
      // compile-time finding wherever it is not handled.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
);
