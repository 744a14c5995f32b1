// The log channel is made on first use (issue 20 §3): activate() does not create it, the first line or Show Log does,
// and no line is lost on the way.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { channelLogger, lazyLogChannel } from '../../src/ui/log';
import { eventually, userDataDir } from './helpers';

const CHANNEL_NAME = 'PAT lazy log test';

function channelText(): string {
  return fs
    .readdirSync(userDataDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.includes(CHANNEL_NAME))
    .map((name) => fs.readFileSync(path.join(userDataDir, name), 'utf8'))
    .join('\n');
}

describe('the log channel, made on first use', function () {
  this.timeout(20_000);
  let made: vscode.LogOutputChannel[] = [];
  const create = (): vscode.LogOutputChannel => {
    const channel = vscode.window.createOutputChannel(CHANNEL_NAME, { log: true });
    made.push(channel);
    return channel;
  };

  afterEach(() => {
    made.forEach((channel) => channel.dispose());
    made = [];
  });

  it('is made by the first line logged, once, and every line reaches it in order', async () => {
    const log = lazyLogChannel(create);
    const logger = channelLogger(log);
    assert.equal(made.length, 0, 'the channel was made before anything was logged');
    logger.info('first line of the lazy channel');
    assert.equal(made.length, 1, 'the first line did not make the channel at once');
    logger.warn('second line of the lazy channel');
    log.show(true);
    assert.equal(made.length, 1, 'a second channel was made');
    await eventually(() => Promise.resolve(/first line of the lazy channel[\s\S]*second line of the lazy channel/.test(channelText())), 'both lines in the log, in order');
    log.dispose();
  });

  it('is made by Show Log when nothing was logged yet; after dispose, lines are dropped and nothing is made', () => {
    const log = lazyLogChannel(create);
    log.show(true);
    assert.equal(made.length, 1, 'Show Log did not make the channel');
    log.dispose();
    channelLogger(log).error('a line while deactivating');
    log.show(true);
    assert.equal(made.length, 1, 'a channel was made after dispose');
  });
});
