/* global module:writable */ // CommonJS config: eslint.config.mjs gives node globals to .js/.mjs files only.
// Layer rules of kube-spread (ARCHITECTURE.md, "Dependencies point one way"), checked in CI by
// `npm run lint:deps` (part of `npm run lint`). Each rule names one boundary and says why it
// exists; a violation message is the rule's name plus the offending import.
//
// The layers, innermost first:
//   engine/                         the scheduler model: pure, imports nothing but itself
//   base/                           leaf types and helpers shared by every layer
//   k8s/, validation/, fixture/     YAML and cluster input -> engine input and findings
//   analysis/                       check / explain / simulate / what-if, shared by CLI and editor
//   editor/                         LSP-free editor helpers (cursor context, YAML edits)
//   lsp/ + server.ts, cli/          the two front ends; they reach the model only through analysis/index.ts
//   protocol.ts                     the wire protocol, the one server file the client may import
//
// Paths are relative to the repository root, as depcruise prints them. Only server/src and
// client/src are cruised: tests may reach into any layer.

const SRC = 'server/src';

/** npm packages as dependency-cruiser classifies them (type-only imports of @types included). */
const NPM = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'];

/**
 * `to` conditions matching any file of this repository (source, generated schemas/, JSON, ...):
 * everything that is neither an npm package nor a node core module. `except` is a regex of the
 * paths the rule allows.
 */
function projectFileExcept(except) {
  return { dependencyTypesNot: [...NPM, 'core'], pathNot: except };
}

/** Generated JSON Schemas (scripts/gen-schemas.mjs), data the input layers load. */
const SCHEMAS = '^schemas/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // ---------------------------------------------------------------- engine/: a pure model
    {
      name: 'engine-imports-only-engine',
      comment:
        'engine/ is the scheduler model and must stay pure: it may import only other files of engine/. ' +
        'Input parsing, findings and LSP belong to the outer layers, which call the engine, never the reverse.',
      severity: 'error',
      from: { path: `^${SRC}/engine/` },
      to: projectFileExcept(`^${SRC}/engine/`),
    },
    {
      name: 'engine-no-npm-packages',
      comment:
        'engine/ uses no npm package (not even for types): it must run unchanged in the CLI, the server, ' +
        'a browser worker and property tests, and stay decided only by the Kubernetes semantics it models.',
      severity: 'error',
      from: { path: `^${SRC}/engine/` },
      to: { dependencyTypes: NPM },
    },
    {
      name: 'engine-no-node-core-modules',
      comment:
        'engine/ does no I/O: no node: core modules (fs, path, ...). Reading files is the job of fixture/ and the front ends.',
      severity: 'error',
      from: { path: `^${SRC}/engine/` },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'engine-only-through-index',
      comment:
        'Outside engine/, the engine is reached only through its facade engine/index.ts, so its internals ' +
        'can be reorganised without touching the other layers.',
      severity: 'error',
      from: { path: `^${SRC}/(k8s|validation|fixture|analysis)/` },
      to: { path: `^${SRC}/engine/`, pathNot: `^${SRC}/engine/index\\.ts$` },
    },

    // ---------------------------------------------------------------- base/: leaves
    {
      name: 'base-is-a-leaf',
      comment:
        'base/ holds the types and helpers every layer shares (Finding, Range, ...); importing another layer ' +
        'from here would make every layer depend on it.',
      severity: 'error',
      from: { path: `^${SRC}/base/` },
      to: projectFileExcept(`^${SRC}/base/`),
    },

    // ---------------------------------------------------------------- protocol.ts: zero imports
    {
      name: 'protocol-imports-nothing',
      comment:
        'server/src/protocol.ts is the wire protocol shared with the VS Code client; any import would pull ' +
        'server code (or a package) into the client bundle. It must import nothing at all.',
      severity: 'error',
      from: { path: `^${SRC}/protocol\\.ts$` },
      to: {},
    },

    // ---------------------------------------------------------------- k8s/, validation/, fixture/
    {
      name: 'input-layers-only-engine-and-base',
      comment:
        'k8s/, validation/ and fixture/ turn input into engine input and findings; from the project they may ' +
        'import only engine/ (facade), base/ and themselves, never analysis/, editor/, lsp/, cli/ or the entry points.',
      severity: 'error',
      from: { path: `^${SRC}/(k8s|validation|fixture)/` },
      to: projectFileExcept(`^${SRC}/(engine|base|k8s|validation|fixture)/|${SCHEMAS}`),
    },
    {
      name: 'input-layers-independent',
      comment:
        'k8s/, validation/ and fixture/ are siblings: none imports another, so each can be tested and ' +
        'changed alone. Shared types belong in base/ (or engine/ when they are engine input).',
      severity: 'error',
      from: { path: `^${SRC}/(k8s|validation|fixture)/` },
      to: { path: `^${SRC}/(k8s|validation|fixture)/`, pathNot: `^${SRC}/$1/` },
    },

    // ---------------------------------------------------------------- analysis/
    {
      name: 'analysis-not-front-ends',
      comment:
        'analysis/ is the pipeline the CLI and the editor share; it must not know its callers: no editor/, ' +
        'lsp/, cli/, server.ts or protocol.ts (the LSP would then load in the CLI, or the CLI in the server). ' +
        'It may read schemas/ (the project file\'s JSON Schema, analysis/project/).',
      severity: 'error',
      from: { path: `^${SRC}/analysis/` },
      to: projectFileExcept(`^${SRC}/(engine|base|k8s|validation|fixture|analysis)/|${SCHEMAS}`),
    },

    // ---------------------------------------------------------------- editor/: LSP-free helpers
    {
      name: 'editor-only-analysis-index-and-base',
      comment:
        'editor/ holds editor helpers without LSP wiring; from the project it may import only ' +
        'analysis/index.ts (the session API), base/ and itself.',
      severity: 'error',
      from: { path: `^${SRC}/editor/` },
      to: projectFileExcept(`^${SRC}/(base|editor)/|^${SRC}/analysis/index\\.ts$`),
    },
    {
      name: 'editor-lsp-free',
      comment:
        'editor/ must be testable without a language server: no vscode-languageserver (nor its protocol and ' +
        'jsonrpc layers). The plain types of vscode-languageserver-textdocument / -types are fine.',
      severity: 'error',
      from: { path: `^${SRC}/editor/` },
      to: { path: '(^|/)node_modules/(vscode-languageserver|vscode-languageserver-protocol|vscode-jsonrpc)/' },
    },

    // ---------------------------------------------------------------- front ends: lsp/ (+ server.ts), cli/
    {
      name: 'lsp-only-through-analysis-index',
      comment:
        'The language server (lsp/ and its entry server.ts) reaches the model only through analysis/index.ts, ' +
        'the one door shared with the CLI, so both report the same findings. It may also use editor/, base/ and protocol.ts; ' +
        'never engine/, k8s/, validation/, fixture/, analysis internals or cli/.',
      severity: 'error',
      from: { path: `^${SRC}/(lsp/|server\\.ts$)` },
      to: projectFileExcept(`^${SRC}/(lsp|editor|base)/|^${SRC}/(analysis/index|protocol|server)\\.ts$`),
    },
    {
      name: 'cli-only-through-analysis-index',
      comment:
        'The CLI reaches the model only through analysis/index.ts, the one door shared with the language server, ' +
        'so both report the same findings. It may also use editor/ and base/; never engine/, k8s/, validation/, ' +
        'fixture/, analysis internals, lsp/, server.ts or protocol.ts (the LSP wire protocol is not the CLI\'s).',
      severity: 'error',
      from: { path: `^${SRC}/cli/` },
      to: projectFileExcept(`^${SRC}/(cli|editor|base)/|^${SRC}/analysis/index\\.ts$`),
    },

    // ---------------------------------------------------------------- client/
    {
      name: 'client-only-protocol-from-server',
      comment:
        'The VS Code client talks to the server over LSP only; importing server code would bundle the engine ' +
        'into the extension host. The single exception is the zero-import wire protocol server/src/protocol.ts.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^server/', pathNot: `^${SRC}/protocol\\.ts$` },
    },
    {
      name: 'server-not-client',
      comment: 'The server runs outside VS Code: it never imports the client (which needs the vscode module).',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^client/' },
    },

    // ---------------------------------------------------------------- cycles
    {
      name: 'no-folder-cycles',
      comment:
        'Folders (layers and their sub-folders) form a DAG: a cycle between folders means two layers can no ' +
        'longer be understood, tested or moved apart.',
      severity: 'error',
      scope: 'folder',
      from: { path: `^(server|client)/src/.+` },
      to: { circular: true },
    },
    {
      name: 'no-circular',
      comment:
        'No module cycles at all: a cycle makes load order matter (undefined imports at startup under CommonJS) ' +
        'and hides which file owns a concept.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },

    // ---------------------------------------------------------------- hygiene
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing dependency; it would also escape every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-dev-dep',
      comment:
        'Shipped code (bundled by esbuild into the extension, server and CLI) must not import devDependencies: ' +
        'they are not installed for users.',
      severity: 'error',
      from: { path: `^(server|client)/src/` },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: '(^|/)node_modules/@types/' },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    // Only shipped code is checked; should a source file ever import a test or bench helper, that
    // import is not followed into test code (the rules above would not apply to it anyway).
    exclude: { path: '^(test|bench|scripts|dist)/' },
    // Type-only imports tie layers together as much as value imports do, so they count.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve packages' "exports" the way the node16 build does (e.g. vscode-languageserver/node
    // exists only under the "node" and "types" conditions); otherwise they look unresolvable.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'types', 'default'],
    },
  },
};
