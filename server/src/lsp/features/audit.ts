// The Audit Cluster command (docs/editor.md): `kube-spread audit --descheduler` on the fixture in use,
// as the CLI runs it (analysis/audit/), plus where each audited workload's manifest is among the open
// documents and the workspace's YAML files, so the view can open it. Translation only.

import { pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  auditCluster, auditFailures, type AuditFailOn, matchAuditManifests, type ManifestSource, type ProjectConfig, runDeschedulerAudit,
} from '../../analysis';
import type { AuditArgs, AuditManifestLocation, AuditResult } from '../../protocol';
import { type EditorAnalysis, fileNameOf } from '../state/analysis';
import { workspaceYamlFiles } from '../state/workspaceYaml';

export interface AuditDeps {
  documents: TextDocuments<TextDocument>;
  analysis: EditorAnalysis;
  /** The workspace folder (file system path), whose YAML files are searched for manifests. */
  root: string | undefined;
  /** The workspace's project file (audit.failOn). */
  project: ProjectConfig | undefined;
  fixtureError: string | undefined;
}

export async function auditForEditor(args: AuditArgs | undefined, deps: AuditDeps): Promise<AuditResult> {
  const ctx = deps.analysis.session().context;
  const descheduler = args?.descheduler === false ? null : runDeschedulerAudit(ctx);
  const audit = auditCluster(ctx, { descheduler });
  const failOn: AuditFailOn = deps.project?.audit?.failOn ?? 'DoNotSchedule';
  const failures = auditFailures(audit, failOn);

  // Open documents first (their unsaved text is what the user sees), then the files on disk.
  const open = deps.documents.all().filter((d) => d.languageId === 'yaml' || /\.ya?ml$/i.test(d.uri));
  const uriOf = new Map<string, string>();
  const sources: ManifestSource[] = open.map((d) => {
    const file = fileNameOf(d.uri);
    uriOf.set(file, d.uri);
    return { file, text: d.getText() };
  });
  for (const f of await workspaceYamlFiles(deps.root, new Set(uriOf.keys()))) sources.push({ file: f.path, text: f.text });
  const manifests: Record<string, AuditManifestLocation> = {};
  for (const [id, m] of Object.entries(matchAuditManifests(audit.workloads, sources))) {
    // Open documents keep their URI (untitled ones too); files found on disk are absolute paths.
    const uri = uriOf.get(m.file) ?? pathToFileURL(m.file).href;
    manifests[id] = { uri, document: m.document, line: m.line, character: m.character };
  }
  return {
    ...audit,
    failOn,
    failed: failures.length > 0,
    failures,
    manifests,
    ...(deps.fixtureError ? { fixtureError: deps.fixtureError } : {}),
  };
}
