// Copies secrets and clears them again later, but only if the user has not copied something else meanwhile.

/** The part of `vscode.env.clipboard` this needs; kept structural so it is testable without VS Code. */
export interface Clipboard {
  readText(): PromiseLike<string>;
  writeText(value: string): PromiseLike<void>;
}

export class SecretClipboard {
  private pendingClear: ReturnType<typeof setTimeout> | undefined;

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
      this.pendingClear = setTimeout(() => void this.clearIfStillHolds(secret), seconds * 1000);
    }
    return seconds;
  }

  dispose(): void {
    this.cancelPendingClear();
  }

  private cancelPendingClear(): void {
    if (this.pendingClear !== undefined) clearTimeout(this.pendingClear);
    this.pendingClear = undefined;
  }

  private async clearIfStillHolds(secret: string): Promise<void> {
    this.pendingClear = undefined;
    try {
      if ((await this.clipboard.readText()) === secret) await this.clipboard.writeText('');
    } catch {
      // The clipboard can be unavailable (e.g. a browser tab without focus); there is nothing better to do.
    }
  }
}
