// Where a finding is, as SARIF artifact locations. A file under the repository root is a relative
// reference resolved against %SRCROOT% (what code scanning expects: paths relative to the root of the
// repository); a file outside it is an absolute file: URI; standard input is the relative reference
// `stdin`, without a base, described as standard input. Every path segment is percent-encoded as RFC
// 3986 requires (spaces, `#`, `%`, `?`, non-ASCII, ...), so the uri is a valid URI reference that
// decodes back to the file name.

import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { SarifArtifactLocation } from './sarifTypes';

/** The uriBaseId of the repository root. */
export const SOURCE_ROOT_ID = '%SRCROOT%';

/** The file name the CLI gives standard input (cli/check.ts). */
export const STDIN_FILE_NAME = '<stdin>';

/** What relative file names are resolved against, and the directory %SRCROOT% stands for (both absolute). */
export interface SarifBase {
  workingDirectory: string;
  repositoryRoot: string;
}

const STDIN_LOCATION: SarifArtifactLocation = {
  uri: 'stdin',
  description: { text: 'Standard input: the manifest was piped into kube-spread check -, so there is no file to open.' },
  properties: { standardInput: true },
};

/** `name` as the CLI reports it: relative to the working directory, absolute, or <stdin>. */
export function artifactLocation(name: string, base: SarifBase): SarifArtifactLocation {
  if (name === STDIN_FILE_NAME) return { ...STDIN_LOCATION };
  const absolute = resolve(base.workingDirectory, name);
  const fromRoot = relative(base.repositoryRoot, absolute);
  // Outside the root: above it, or on another drive (relative() then returns an absolute path).
  const outside = fromRoot === '' || fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot);
  if (outside) return { uri: fileUri(absolute) };
  return { uri: fromRoot.split(sep).map(encodeSegment).join('/'), uriBaseId: SOURCE_ROOT_ID };
}

/** The originalUriBaseIds entry for %SRCROOT%: an absolute file: URI ending in `/`, as SARIF requires. */
export function sourceRootLocation(base: SarifBase): SarifArtifactLocation {
  return {
    uri: fileUri(base.repositoryRoot).replace(/\/?$/, '/'),
    description: { text: 'The repository root: the nearest directory at or above the working directory that holds .git (the working directory when none does).' },
  };
}

/** An absolute path as a file: URI: file:///a/b on POSIX, file:///C:/a/b and file://host/share/a on Windows. */
export function fileUri(absolute: string): string {
  const parts = absolute.split(sep);
  if (sep === '\\' && absolute.startsWith('\\\\')) return `file://${parts.slice(2).map(encodeSegment).join('/')}`;
  const path = parts.map((p, i) => (i === 0 && /^[A-Za-z]:$/.test(p) ? p : encodeSegment(p))).join('/');
  return `file://${path.startsWith('/') ? '' : '/'}${path}`;
}

/**
 * One path segment, percent-encoded: everything but RFC 3986's unreserved characters and the
 * sub-delimiters `!'()*` becomes UTF-8 %XX. `:` is encoded too, so a first segment never reads as a
 * scheme. Lone surrogates (not valid UTF-16, so not encodable) become U+FFFD first.
 */
export function encodeSegment(segment: string): string {
  return encodeURIComponent(segment.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}
