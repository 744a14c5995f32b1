import * as vscode from 'vscode';
import type { Logger } from '../core/ports';
import { redactingLogger } from '../core/client/redact';

export const LOG_CHANNEL_NAME = 'SailPoint PAT Manager';

export function createLogChannel(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
}

/** The core's Logger over the channel; every line is redacted on its way in, whoever wrote it. */
export function channelLogger(channel: vscode.LogOutputChannel): Logger {
  return redactingLogger({
    trace: (message) => channel.trace(message),
    debug: (message) => channel.debug(message),
    info: (message) => channel.info(message),
    warn: (message) => channel.warn(message),
    error: (message) => channel.error(message),
  });
}
