// What the demo's, the screenshots' and the journeys' code-server inherits: a terminal opened in the demo must not
// see the demo's own variables (fake-tenant credentials, a SailPoint secret in the shell that ran npm run demo).
import * as assert from 'node:assert/strict';
import { codeServerEnvironment } from '../../scripts/codeServerEnvironment';

const SANDBOX: NodeJS.ProcessEnv = { HOME: '/tmp/demo/home', XDG_CONFIG_HOME: '/tmp/demo/home/.config', TMPDIR: '/tmp/demo/tmp' };

const PARENT: NodeJS.ProcessEnv = {
  PATH: '/usr/local/bin:/usr/bin:/bin',
  LANG: 'de_DE.UTF-8',
  LC_TIME: 'en_GB.UTF-8',
  SHELL: '/bin/bash',
  USER: 'ada',
  HOME: 'home-of-ada',
  TMPDIR: 'tmp-of-ada',
  SAIL_BASE_URL: 'https://acme.api.identitynow.com',
  SAIL_CLIENT_ID: 'real-client-id',
  SAIL_CLIENT_SECRET: 'real-secret-from-the-shell',
  SAILPOINT_PAT_DEMO_TENANTS: '/tmp/demo/demo-tenants.json',
  PAT_TESTS_GREP: 'scope',
  npm_config_registry: 'https://registry.npmjs.org/',
  npm_lifecycle_event: 'demo',
  GITHUB_TOKEN: 'ghp_not-for-the-demo',
  NODE_OPTIONS: '--require ./hook.js',
};

describe('code-server environment', () => {
  const env = codeServerEnvironment(PARENT, SANDBOX, {});

  it('keeps only what a shell and code-server need from the parent: PATH, language, shell, user', () => {
    assert.deepEqual(
      Object.keys(env).sort(),
      ['HOME', 'LANG', 'LC_TIME', 'PATH', 'SHELL', 'TMPDIR', 'USER', 'XDG_CONFIG_HOME'],
    );
    assert.equal(env.PATH, PARENT.PATH);
    assert.equal(env.LANG, 'de_DE.UTF-8');
  });

  it('puts HOME, XDG folders and TMPDIR in the sandbox, not in the person’s own home', () => {
    assert.equal(env.HOME, '/tmp/demo/home');
    assert.equal(env.TMPDIR, '/tmp/demo/tmp');
  });

  it('passes on no SailPoint, demo, npm or token variable, and no NODE_OPTIONS', () => {
    const leaked = Object.keys(env).filter((name) => /SAIL|PAT_|npm_|TOKEN|NODE_OPTIONS/i.test(name));
    assert.deepEqual(leaked, []);
    assert.ok(!Object.values(env).some((value) => value?.includes('real-secret-from-the-shell')));
  });

  it('adds what the caller names on purpose, over the rest', () => {
    assert.equal(codeServerEnvironment(PARENT, SANDBOX, { LANG: 'C.UTF-8' }).LANG, 'C.UTF-8');
  });
});
