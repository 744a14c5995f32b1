// One load for every caller of a lazily loaded module (the commands, the network stack), so code that activation
// does not need is read on first use only.

/** Wraps a loader such as `() => import('./x.js')`: callers share one load; a failed load is tried again next time. */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
