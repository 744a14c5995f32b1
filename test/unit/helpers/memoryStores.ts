// Map-backed SecretStore and KeyValueStore with switches for the failure paths VS Code can produce.
import type { KeyValueStore, SecretStore } from '../../../src/core/ports';

export class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  /** When it returns true for a key, store() rejects as a locked keychain would. */
  failStore: (key: string) => boolean = () => false;
  /** When it returns true for a key, delete() rejects. */
  failDelete: (key: string) => boolean = () => false;
  /** When it returns true for a key, get() answers undefined although a value is stored (VS Code cannot decrypt it). */
  dropOnGet: (key: string) => boolean = () => false;
  readonly calls: string[] = [];
  /** Told of every stored or deleted key after the write, like SecretStorage.onDidChange (which also fires for one's own writes). */
  readonly listeners: Array<(key: string) => void> = [];

  get(key: string): Promise<string | undefined> {
    this.calls.push(`get ${key}`);
    return Promise.resolve(this.dropOnGet(key) ? undefined : this.values.get(key));
  }

  store(key: string, value: string): Promise<void> {
    this.calls.push(`store ${key}`);
    if (this.failStore(key)) {
      return Promise.reject(new Error('keychain is locked'));
    }
    this.values.set(key, value);
    this.announce(key);
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.calls.push(`delete ${key}`);
    if (this.failDelete(key)) {
      return Promise.reject(new Error('keychain is locked'));
    }
    this.values.delete(key);
    this.announce(key);
    return Promise.resolve();
  }

  private announce(key: string): void {
    setTimeout(() => this.listeners.forEach((listener) => listener(key)), 0);
  }
}

/** Stores JSON copies, as globalState does, so callers cannot mutate stored data by reference. */
export class MemoryKeyValueStore implements KeyValueStore {
  readonly values = new Map<string, string>();
  /** When it returns true for a key, update() rejects. */
  failUpdate: (key: string) => boolean = () => false;

  get<T>(key: string): T | undefined {
    const json = this.values.get(key);
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  update(key: string, value: unknown): Promise<void> {
    if (this.failUpdate(key)) {
      return Promise.reject(new Error('state write failed'));
    }
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, JSON.stringify(value));
    }
    return Promise.resolve();
  }

  /** Puts raw data in place, as another version or a hand edit might have left it. */
  seed(key: string, value: unknown): void {
    this.values.set(key, JSON.stringify(value));
  }
}
