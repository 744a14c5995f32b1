// Copies secrets and clears them again later, but only if the user has not copied something else meanwhile.

/** The part of `vscode.env.clipboard` this needs; kept structural so it is testable without VS Code. */
export interface Clipboard {
  readText(): PromiseLike<string>;
  writeText(value: string): PromiseLike<void>;
}

interface PendingClear {
  secret: string;
  timer: ReturnType<typeof setTimeout>;
}

export class SecretClipboard {
  private pendingClear: PendingClear | undefined;

  constructor(
    private readonly clipboard: Clipboard,
    private readonly clearAfterSeconds: () => number,
  ) {}

  async copyText(text: string): Promise<void> {
    await this.clipboard.writeText(text);
  }

  /** Resolves with the seconds until the clipboard is cleared; 0 when it is not. */
  async copySecret(secret: string): Promise<number> {
    this.cancelPendingClear();
    await this.clipboard.writeText(secret);
    const seconds = this.clearAfterSeconds();
    if (seconds > 0) {
      this.pendingClear = { secret, timer: setTimeout(() => void this.clearNow(), seconds * 1000) };
    }
    return seconds;
  }

  /** Clears at once what is waiting to be cleared (if the clipboard still holds it): the window is closing. */
  clearNow(): Promise<void> {
    const pending = this.pendingClear;
    this.cancelPendingClear();
    return pending === undefined ? Promise.resolve() : this.clearIfStillHolds(pending.secret);
  }

  /** Closing must not leave the secret behind: the clear is done now instead of being dropped. */
  dispose(): void {
    void this.clearNow();
  }

  private cancelPendingClear(): void {
    if (this.pendingClear !== undefined) clearTimeout(this.pendingClear.timer);
    this.pendingClear = undefined;
  }

  private async clearIfStillHolds(secret: string): Promise<void> {
    try {
      if ((await this.clipboard.readText()) === secret) await this.clipboard.writeText('');
    } catch {
      // The clipboard can be unavailable (e.g. a browser tab without focus); there is nothing better to do.
    }
  }
}
