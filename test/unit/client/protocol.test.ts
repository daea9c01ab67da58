// The wire protocol (server/src/protocol.ts) is the one server file the VS Code client may import:
// anything more would pull server code (the engine, the YAML parser) into the extension host's
// bundle. These tests keep it that way and keep the client's command ids consistent with it; the
// server side (what the server advertises and handles) is checked in test/lsp/protocol.test.ts.

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import ts from 'typescript';
import * as protocol from '../../../server/src/protocol';

const ROOT = resolve(__dirname, '../../..');
const PROTOCOL = 'server/src/protocol.ts';
const CLIENT_SRC = 'client/src';

/** Every way a TypeScript file can load another module: what it names, and how. */
interface ModuleReference { specifier: string; form: string }

function moduleReferences(fileName: string, text: string): ModuleReference[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: ModuleReference[] = [
    ...source.referencedFiles.map((r) => ({ specifier: r.fileName, form: '/// <reference path>' })),
    ...source.typeReferenceDirectives.map((r) => ({ specifier: r.fileName, form: '/// <reference types>' })),
    ...source.libReferenceDirectives.map((r) => ({ specifier: r.fileName, form: '/// <reference lib>' })),
  ];
  const nameOf = (e: ts.Node | undefined) => (e && ts.isStringLiteralLike(e) ? e.text : e ? e.getText(source) : '?');
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) out.push({ specifier: nameOf(node.moduleSpecifier), form: 'import' });
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) out.push({ specifier: nameOf(node.moduleSpecifier), form: 'export from' });
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      out.push({ specifier: nameOf(node.moduleReference.expression), form: 'import = require' });
    } else if (ts.isImportTypeNode(node)) out.push({ specifier: nameOf(ts.isLiteralTypeNode(node.argument) ? node.argument.literal : node.argument), form: 'import() type' });
    else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) out.push({ specifier: nameOf(node.arguments[0]), form: 'import()' });
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') out.push({ specifier: nameOf(node.arguments[0]), form: 'require()' });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return tsFiles(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');

describe('wire protocol: server/src/protocol.ts', () => {
  it('the module scanner sees every form of import (so the checks below can fail)', () => {
    const sample = [
      '/// <reference path="./x.d.ts" />',
      "import a from 'a';",
      "import type { B } from 'b';",
      "import 'c';",
      "export { d } from 'd';",
      "export * from 'e';",
      "import f = require('f');",
      "type G = import('g').G;",
      "const h = require('h');",
      "const i = import('i');",
    ].join('\n');
    assert.deepEqual(moduleReferences('sample.ts', sample).map((r) => r.specifier).sort(), ['./x.d.ts', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
  });

  it('imports nothing at all (no import, export-from, require or reference)', () => {
    assert.deepEqual(moduleReferences(PROTOCOL, read(PROTOCOL)), []);
  });

  it('server commands and client commands are disjoint namespaces', () => {
    // vscode-languageclient registers every advertised server command as an editor command: a client
    // command with the same id would collide with it.
    const server = [...Object.values(protocol.Commands), ...Object.values(protocol.WhatIfCommands)];
    const client = [protocol.SIMULATE_CLIENT_COMMAND, ...Object.values(protocol.WhatIfLensCommands)];
    for (const id of server) assert.match(id, /^kubeSpread\.server\./, id);
    for (const id of client) assert.doesNotMatch(id, /^kubeSpread\.server\./, id);
    assert.equal(new Set(server).size, server.length, 'server command ids are unique');
    assert.equal(new Set(client).size, client.length, 'client command ids are unique');
  });
});

describe('the client reaches the server only through the protocol', () => {
  it('client sources import nothing from server/ except server/src/protocol.ts', () => {
    const files = tsFiles(CLIENT_SRC);
    assert.ok(files.length > 5, `client sources found: ${files.join(', ')}`);
    const offenders: string[] = [];
    let protocolImports = 0;
    for (const file of files) {
      for (const ref of moduleReferences(file, read(file))) {
        if (!ref.specifier.startsWith('.')) continue; // vscode, vscode-languageclient, node: modules
        const target = relative(ROOT, resolve(ROOT, dirname(file), ref.specifier)).split('\\').join('/');
        if (target.startsWith(`${CLIENT_SRC}/`)) continue;
        if (target === PROTOCOL.replace(/\.ts$/, '')) protocolImports++;
        else offenders.push(`${file}: ${ref.form} '${ref.specifier}'`);
      }
    }
    assert.deepEqual(offenders, []);
    assert.ok(protocolImports > 0, 'the client uses the shared protocol');
  });

  it('the client bundle contains no server file but the protocol', () => {
    // The same bundle scripts/build.mjs makes (dist/client.js), kept in memory.
    const result = buildSync({
      entryPoints: [`${CLIENT_SRC}/extension.ts`], absWorkingDir: ROOT, outfile: 'dist/client.js', bundle: true, platform: 'node',
      target: 'node20', format: 'cjs', external: ['vscode'], write: false, metafile: true, logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.deepEqual(inputs.filter((p) => !p.startsWith(`${CLIENT_SRC}/`) && !/(^|\/)node_modules\//.test(p)), [PROTOCOL]);
  });
});

describe("the client's commands match the protocol and package.json", () => {
  const manifest = JSON.parse(read('package.json')) as { contributes: { commands: { command: string }[] } };
  const contributed = manifest.contributes.commands.map((c) => c.command);

  /** The first argument of every `vscode.commands.registerCommand(...)` in the client, resolved to its id. */
  function registeredCommands(): string[] {
    const exported: Record<string, unknown> = { ...protocol };
    const ids: string[] = [];
    for (const file of tsFiles(CLIENT_SRC)) {
      const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'registerCommand') {
          const arg = node.arguments[0];
          if (ts.isStringLiteralLike(arg)) ids.push(arg.text);
          else if (ts.isIdentifier(arg) && typeof exported[arg.text] === 'string') ids.push(exported[arg.text] as string);
          else if (ts.isPropertyAccessExpression(arg) && ts.isIdentifier(arg.expression)) {
            const group = exported[arg.expression.text] as Record<string, unknown> | undefined;
            const id = group?.[arg.name.text];
            assert.equal(typeof id, 'string', `${file}: ${arg.getText(source)} is not a protocol command id`);
            ids.push(id as string);
          } else assert.fail(`${file}: registerCommand(${arg.getText(source)}): use a string or a protocol constant`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    return ids;
  }

  it('every client command the server\'s code lenses invoke is registered by the client and contributed in package.json', () => {
    const registered = registeredCommands();
    for (const id of [protocol.SIMULATE_CLIENT_COMMAND, ...Object.values(protocol.WhatIfLensCommands)]) {
      assert.ok(registered.includes(id), `${id} is not registered by client/src`);
      assert.ok(contributed.includes(id), `${id} is not contributed in package.json`);
    }
  });

  it('the client registers exactly the commands package.json contributes, none of them a server command', () => {
    const registered = registeredCommands();
    assert.equal(new Set(registered).size, registered.length, `a command is registered twice: ${registered.join(', ')}`);
    assert.deepEqual([...registered].sort(), [...contributed].sort());
    const server = new Set<string>([...Object.values(protocol.Commands), ...Object.values(protocol.WhatIfCommands)]);
    for (const id of contributed) assert.ok(!server.has(id), `${id} is a server command`);
  });
});
