import * as vscode from 'vscode';
import { loadOnce } from '../core/lazyLoad';
import type { Logger } from '../core/ports';

export const LOG_CHANNEL_NAME = 'SailPoint PAT Manager';

/** The redactor is not needed to show the tenant rows, so it loads with the first line logged. */
const loadRedactor = loadOnce(() => import('../core/client/redact.js'));

/** What the commands do with the log: show it (Show Log, an error's "Show Log" action). */
export interface LogView {
  show(preserveFocus?: boolean): void;
}

/** The channel, made when first needed; made at once, so a line logged during activation is never lost. */
export interface LazyLogChannel extends LogView, vscode.Disposable {
  /** The channel, made now if it was not yet; none once disposed (a line logged while deactivating is dropped). */
  channel(): vscode.LogOutputChannel | undefined;
}

export function createLogChannel(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
}

/**
 * Creating an output channel is a message to the window that activate() need not send: the channel is made by the
 * first line logged or the first Show Log, whichever comes first.
 */
export function lazyLogChannel(create: () => vscode.LogOutputChannel = createLogChannel): LazyLogChannel {
  let made: vscode.LogOutputChannel | undefined;
  let disposed = false;
  const channel = (): vscode.LogOutputChannel | undefined => (disposed ? undefined : (made ??= create()));
  return {
    channel,
    show: (preserveFocus) => channel()?.show(preserveFocus),
    dispose: () => {
      disposed = true;
      made?.dispose();
    },
  };
}

/**
 * The core's Logger over the channel; every line is redacted on its way in, whoever wrote it. Lines wait for the
 * redactor, in the order they were logged (callbacks on one promise run in the order they were added); a line is
 * never written unredacted.
 */
export function channelLogger(log: LazyLogChannel): Logger {
  let redacting: Promise<Logger> | undefined;
  const write = (level: keyof Logger) => (message: string): void => {
    // Made now, not when the redactor has loaded: the channel exists from the moment something was logged.
    const channel = log.channel();
    if (channel === undefined) return;
    // The channel has the Logger's five methods, and redactingLogger calls them as methods.
    redacting ??= loadRedactor().then(({ redactingLogger }) => redactingLogger(channel));
    void redacting.then(
      (logger) => logger[level](message),
      () => (redacting = undefined),
    );
  };
  return { trace: write('trace'), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
