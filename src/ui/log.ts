import * as vscode from 'vscode';
import { loadOnce } from '../core/lazyLoad';
import type { Logger } from '../core/ports';

export const LOG_CHANNEL_NAME = 'SailPoint PAT Manager';

/** The redactor is not needed to show the tenant rows, so it loads with the first line logged. */
const loadRedactor = loadOnce(() => import('../core/client/redact.js'));

export function createLogChannel(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
}

/**
 * The core's Logger over the channel; every line is redacted on its way in, whoever wrote it. Lines wait for the
 * redactor, in the order they were logged (callbacks on one promise run in the order they were added); a line is
 * never written unredacted.
 */
export function channelLogger(channel: vscode.LogOutputChannel): Logger {
  let redacting: Promise<Logger> | undefined;
  const write = (level: keyof Logger) => (message: string): void => {
    // The channel has the Logger's five methods, and redactingLogger calls them as methods.
    redacting ??= loadRedactor().then(({ redactingLogger }) => redactingLogger(channel));
    void redacting.then(
      (logger) => logger[level](message),
      () => (redacting = undefined),
    );
  };
  return { trace: write('trace'), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
