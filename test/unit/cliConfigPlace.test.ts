import * as assert from 'node:assert/strict';
import { cliConfigPlace } from '../../src/ui/commands/import/cliConfigPlace';

describe('CLI import: which machine the config file is read on', () => {
  it('names just the file in a local window', () => {
    assert.equal(cliConfigPlace(undefined, true), '~/.sailpoint/config.yaml');
    assert.equal(cliConfigPlace(undefined, false), '~/.sailpoint/config.yaml');
  });

  it('says "this computer" in a remote window when the extension runs on the UI side', () => {
    assert.equal(cliConfigPlace('ssh-remote', true), '~/.sailpoint/config.yaml on this computer, not the remote machine (ssh-remote)');
  });

  it('says "the remote machine" in a remote window when the extension runs there', () => {
    assert.equal(cliConfigPlace('wsl', false), '~/.sailpoint/config.yaml on the remote machine (wsl)');
  });

  it('keeps a hostile remote name to one inert line', () => {
    const place = cliConfigPlace('evil\n](command:x)\u0007', false);
    assert.doesNotMatch(place, /\p{Cc}|\]\(/u);
  });
});
