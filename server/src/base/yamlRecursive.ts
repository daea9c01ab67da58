// A YAML alias may point at a node that contains it (`a: &a [*a]`): yaml turns that into a cyclic
// JS value, which every later layer (schema, API rules, the simulation) would walk forever or until
// the stack overflows. Found here, iteratively, so the document is skipped with one finding.

/** Whether the value contains itself (an object reachable from its own children). */
export function isRecursive(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const onPath = new Set<object>();
  const done = new Set<object>();
  // Each entry is a node to enter, or (exit) one whose children are all visited.
  const stack: { node: object; exit: boolean }[] = [{ node: value, exit: false }];
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (exit) {
      onPath.delete(node);
      done.add(node);
      continue;
    }
    if (done.has(node)) continue; // shared (a plain alias), already known to be acyclic
    onPath.add(node);
    stack.push({ node, exit: true });
    const children = node instanceof Map ? [...node.keys(), ...node.values()] : node instanceof Set ? [...node] : Object.values(node);
    for (const c of children) {
      if (typeof c !== 'object' || c === null) continue;
      if (onPath.has(c)) return true;
      if (!done.has(c)) stack.push({ node: c, exit: false });
    }
  }
  return false;
}
