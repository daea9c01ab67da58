// The first line of every text output: which cluster the answer is about (and that the embedded
// sample is not the user's cluster).

export function clusterLine(c: { source: string; embedded: boolean; nodes: number; pods: number }): string {
  return c.embedded
    ? `Cluster: embedded sample cluster (${c.nodes} nodes, ${c.pods} pods): not your cluster; pass --cluster FIXTURE for real answers`
    : `Cluster: ${c.source} (${c.nodes} nodes, ${c.pods} pods)`;
}
