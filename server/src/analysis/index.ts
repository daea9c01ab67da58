// analysis/ seen from outside: the CLI (cli/), the language server (lsp/) and the editor helpers
// (editor/) import from this file only, never from analysis internals or from the layers below
// (engine/, k8s/, validation/, fixture/). The layer rules in .dependency-cruiser.cjs enforce it.

// The session: pick a workload, check, simulate, explain, what-ifs.
export {
  AnalysisSession, openSession, fixtureNodes, WorkloadPickError,
  type CheckOptions, type FixtureNode, type NodeRow, type PickedWorkload, type SessionSettings, type WorkloadAt,
} from './session';
export { ALL_GROUPS, type CheckResult, type DocumentResult, type FindingGroups } from './check';
export type { SimulateJson } from './simulate';
// Releases: the workloads of several documents or files placed together (docs/release.md).
export type { ReleaseRequest } from './session';
export type { ReleaseFile, ReleaseWorkload } from './release/members';
export type { ReleaseExplainJson } from './release/explain';
export type { BlockedByJson, ReleaseJson, ReleaseSimulateJson, ReleaseWorkloadJson } from './release/json';
export { isReleaseOrder, RELEASE_ORDERS, type ReleaseOrder } from './release/order';
export { renderReleaseText } from './release/text';
export type { ReleaseDomainLossJson, ReleaseDomainLossWorkloadJson } from './release/domainLoss';
// The release in the editor: lenses, hovers and the Simulate Release view (release/editorView.ts, render/releaseSvg.ts).
export { blockerName, type EditorRelease, type EditorReleaseWorkload, orderChangesOf, orderName, readableReleaseFile } from './release/editorView';
export { releaseColors, renderReleaseSvg, type ReleaseSvgInput } from './render/releaseSvg';
export type { ExplainJson } from './explain';
export { DEFAULT_LIMITS, MAX_LIMITS, normalizeLimits, type Limits } from './limits';
// Suppression and the project file (.kube-spread.yaml), applied by AnalysisSession.check for both front ends.
export { type CheckedFile, type SuppressedBy, type SuppressedFinding, type SuppressionRules, UNUSED_SUPPRESSION } from './project/suppress';
export {
  findProjectFile, formatProjectProblem, isProjectFileName, parseProjectFile, PROJECT_FILE_NAME, ProjectFiles, readProjectFile,
  type LoadedProject, type ProjectConfig, type ProjectProblem,
} from './project/projectFile';
// The project file's `releases` (folders or globs applied together): the files of a file's release, for check and the editor.
export { releaseFilesFor } from './project/releaseGroups';
export type { AtMaxResult, ReleaseMembership } from './check';
export { DOMAIN_LOSS_MODES, wantsWhatIf, type WhatIfOutput, type WhatIfRequest } from './whatIfRun';
export { WhatIfError } from './whatif';

// Findings and parsed manifests (the editor reads ranges and quick-fix data from them).
export type { Finding, Position, Range, RelatedInformation, Severity } from '../base/finding';
export { SEVERITY_ORDER } from '../base/finding';
export { editDistance } from '../base/editDistance';
export { parseManifestText, type ManifestDocument, type ParsedFile, type PathSegment, type RangePart } from '../k8s/manifest';
export { isWorkloadKind, workloadOf, WORKLOAD_KINDS, type WorkloadKind } from '../k8s/workloads';
export { locate, type Located } from '../k8s/ranges';
export { findExcessiveNesting } from '../k8s/guards';

// Fixtures: loading and the nodes they hold.
export {
  autoscalingLine, EMBEDDED_SAMPLE, FixtureError, formatProblem, loadEmbeddedSample, loadFixtureFromPaths, loadFixtureFromPathsInSlices, loadFixtureFromText,
  type FixtureProblem, type FixtureSummary, type LoadedFixture,
} from '../fixture';
// Long work in slices (the language server's fixture loads): the fixture, then its snapshot.
export { runInSlices, type SliceStats, type Steps } from '../base/steps';
export { prebuildSnapshot } from './context';

// Kubernetes versions and the scheduler configuration, resolved from flags, settings and the fixture.
export {
  checkGateOverrides, defaultEnv, NEWEST_MINOR, NEWEST_RELEASE_MINOR, OLDEST_MINOR, parseVersion, versionProblem,
  type SchedulerEnv,
} from '../engine';
export { nearestMinor, BUNDLED_MINORS } from '../validation/schema/select';

// Renderers shared by the CLI and the editor's views.
export { clusterLine } from './render/text/cluster';
export { renderExplainText } from './render/text/explain';
export { renderSimulateText, type ReplicaCap } from './render/text/simulate';
export { renderFixtureText, type FixtureView } from './render/text/fixture';
export { renderSimulationSvg } from './render/svg';
export { stackSvgs } from './render/svgKit';
export { toSarif, type FileFindings } from './render/sarif';
export { describeCode, knownCodes } from './render/codes';
// Resolving version, gates and KubeSchedulerConfiguration (flags/settings win over the fixture).
export { formatConfigProblem, resolveClusterSettings, SchedulerConfigError, type ClusterSettings, type ConfigProblem } from './clusterSettings';

// Capturing a fixture from a live cluster (the editor's Capture command; the CLI's `fixture capture`).
export { captureFixture, CaptureError, type CaptureOptions, type CaptureResult } from '../fixture/capture';

// The audit of a running cluster's spread and the descheduler dry run (docs/audit.md).
export { auditCluster, type AuditOptions } from './audit/audit';
export { AUDIT_FAIL_ON, auditFailures, isAuditFailOn, type AuditFailOn } from './audit/failOn';
export { readDeschedulerPolicy, runDeschedulerAudit, type LoadedDeschedulerPolicy } from './audit/descheduler';
// The editor's Audit Cluster view: the manifest of each audited workload among the workspace's YAML files.
export { matchAuditManifests, type AuditManifestMatch, type ManifestSource } from './audit/manifests';
export { workloadId } from './audit/workloads';
export type { AuditConstraintJson, AuditJson, AuditPendingPodJson, AuditWorkloadJson, DeschedulerJson } from './audit/types';
export { renderAuditText } from './render/text/audit';
export { renderAuditMarkdown } from './render/markdown/audit';
