// A property of a result object whose value is built when first read. Simulation summaries hold one
// domain -> count object per topology key, and for kubernetes.io/hostname that is one entry per node:
// 5,000 entries twice per workload on a 5,000-node cluster, kept in the editor's memos for every
// workload of a file while diagnostics never read them (bench/README.md "Issue 18, fifth pass").
//
// The property is an ordinary enumerable one to every reader (JSON.stringify, Object.entries, spread,
// structured clone and deep equality all call the getter), keeps its place in the key order, and
// becomes a plain data property once read or written. `make` must only read values captured when the
// property was defined (the cluster it summarizes goes on changing).

/** Defines `obj[key]` as built by `make` on first read (or replaced by the first write). */
export function defineLazy<T extends object, K extends keyof T & string>(obj: T, key: K, make: () => T[K]): void {
  const settle = (value: T[K]): T[K] => {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get: () => settle(make()),
    set: (value: T[K]) => void settle(value),
  });
}
