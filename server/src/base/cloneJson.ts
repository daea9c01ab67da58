// A deep copy of a document's plain JS value (objects, arrays, strings, numbers, booleans, null), for
// the places that copy a pod template per replica. structuredClone goes through V8's serializer and
// was most of the time of building a replica's pod (36 µs of a small template; this copy: ~2 µs).
// Anything else (a Date, a Map: not produced by the manifest parser's options) is left to
// structuredClone. Cyclic values never get here: such documents are skipped (yamlRecursive.ts).
// Shared sub-values (a YAML alias used twice) become separate copies.

export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = cloneJson((value as Record<string, unknown>)[key]);
    // An own "__proto__" key (YAML allows it) must stay a key, not become the copy's prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out as T;
}
