// Constants esbuild.mjs defines at build time (`define`); a guarded branch whose constant is false is dropped from the
// bundle as dead code.

/**
 * Whether this build carries the test-only hooks (src/ui/testHooks.ts, commands/testRuns.ts): true in the build the
 * integration tests run (`node esbuild.mjs --production --test-hooks`) and in development builds, false in the one
 * `npm run bundle` makes and `npm run package` ships.
 */
declare const WITH_TEST_HOOKS: boolean;
