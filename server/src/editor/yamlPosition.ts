// Where a cursor is in a multi-document YAML file: which document, and which field path. Used to
// pick the workload under the cursor (simulate/explain) and to decide what a hover is about.

import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { DEFAULT_LIMITS, findExcessiveNesting } from '../analysis';

export interface YamlPosition {
  document: number;
  /** Keys and indexes from the document root, e.g. ['spec','template','spec','topologySpreadConstraints',0,'maxSkew']. */
  path: (string | number)[];
}

export function yamlPositionAt(text: string, offset: number): YamlPosition | undefined {
  // The analysis's guards (a hover on a 20 MB or 10,000-level file must not parse what the analysis
  // refuses), and no uniqueKeys: the library's check is quadratic in a mapping's size.
  if (text.length > DEFAULT_LIMITS.maxTextLength || findExcessiveNesting(text, DEFAULT_LIMITS.maxDepth) >= 0) return undefined;
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  let document = -1;
  docs.forEach((d, i) => {
    if (d.range[0] <= offset) document = i;
  });
  if (document < 0) return docs.length ? { document: 0, path: [] } : undefined;
  const path: (string | number)[] = [];
  descend(docs[document].contents as Node | null, offset, path);
  return { document, path };
}

function within(n: Node | null | undefined, offset: number): boolean {
  return !!n?.range && n.range[0] <= offset && offset <= n.range[2];
}

function descend(node: Node | null, offset: number, path: (string | number)[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      const keyHit = within(key, offset);
      if (keyHit || within(value, offset)) {
        path.push(isScalar(key) ? String(key.value) : '?');
        if (!keyHit) descend(value, offset, path);
        return;
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      if (within(item as Node, offset)) {
        path.push(i);
        descend(item as Node, offset, path);
      }
    });
  }
}
