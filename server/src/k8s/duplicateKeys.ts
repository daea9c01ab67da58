// Duplicate mapping keys, found in linear time. The yaml library's own `uniqueKeys` check compares
// each key with every earlier key of its mapping, so a 200,000-key mapping (a generated file, or a
// hostile one) takes minutes; parse with `uniqueKeys: false` and call this instead. Same rule as the
// library: scalar keys are equal when their resolved values are (`1` and `0x1` too); merge keys
// (`<<`, a fresh symbol each) and collection or alias keys never are. Iterative, so depth is no issue.

import { isCollection, isMap, isPair, isScalar, YAMLParseError, type Document, type Node } from 'yaml';

export function duplicateKeyErrors(doc: Document): YAMLParseError[] {
  const out: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    const seen = isMap(node) ? new Set<unknown>() : undefined;
    for (const item of node.items) {
      if (isPair(item)) {
        const key = item.key as Node | null;
        if (seen && isScalar(key) && key.range) {
          const v = key.value;
          if (seen.has(v) && v === v) out.push(new YAMLParseError([key.range[0], key.range[0] + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          seen.add(v);
        }
        stack.push(item.key, item.value);
      } else {
        stack.push(item);
      }
    }
  }
  return out.sort((a, b) => a.pos[0] - b.pos[0]);
}
