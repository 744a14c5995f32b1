import * as assert from 'node:assert/strict';
import { SecretClipboard, type Clipboard } from '../../src/ui/clipboard';

class MemoryClipboard implements Clipboard {
  text = '';
  readText(): Promise<string> {
    return Promise.resolve(this.text);
  }
  writeText(value: string): Promise<void> {
    this.text = value;
    return Promise.resolve();
  }
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('secret clipboard', () => {
  it('clears the secret after the delay', async () => {
    const memory = new MemoryClipboard();
    const clipboard = new SecretClipboard(memory, () => 0.02);
    assert.equal(await clipboard.copySecret('s3cr3t-value'), 0.02);
    assert.equal(memory.text, 's3cr3t-value');
    await wait(60);
    assert.equal(memory.text, '');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const memory = new MemoryClipboard();
    const clipboard = new SecretClipboard(memory, () => 0.02);
    await clipboard.copySecret('s3cr3t-value');
    memory.text = 'something the user copied';
    await wait(60);
    assert.equal(memory.text, 'something the user copied');
  });

  it('never clears when the delay is 0', async () => {
    const memory = new MemoryClipboard();
    const clipboard = new SecretClipboard(memory, () => 0);
    assert.equal(await clipboard.copySecret('s3cr3t-value'), 0);
    await wait(30);
    assert.equal(memory.text, 's3cr3t-value');
  });

  it('a second secret replaces the first clear', async () => {
    const memory = new MemoryClipboard();
    const clipboard = new SecretClipboard(memory, () => 0.03);
    await clipboard.copySecret('first-secret');
    await clipboard.copySecret('second-secret');
    await wait(60);
    assert.equal(memory.text, '');
  });

  it('clears at once when the window closes (dispose) instead of dropping the pending clear', async () => {
    const memory = new MemoryClipboard();
    const clipboard = new SecretClipboard(memory, () => 3600);
    await clipboard.copySecret('secret-still-there');
    clipboard.dispose();
    await wait(10);
    assert.equal(memory.text, '');
  });

  it('on close leaves alone what the user copied after the secret', async () => {
    const memory = new MemoryClipboard();
    const clipboard = new SecretClipboard(memory, () => 3600);
    await clipboard.copySecret('secret-replaced');
    memory.text = 'the user copied this';
    await clipboard.clearNow();
    assert.equal(memory.text, 'the user copied this');
  });
});
