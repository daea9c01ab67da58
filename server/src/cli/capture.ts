// `kube-spread fixture capture [--context NAME] [--namespace NS] [--anonymize] [-o FILE]`: captures the
// cluster of a kubeconfig context (fixture/capture, reached through analysis/index.ts) and writes the
// fixture to a file or stdout.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { captureFixture, CaptureError, type CaptureOptions } from '../analysis';

export interface CaptureIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/**
 * The CLI subcommand. Exit codes: 0 written, 2 usage error or the cluster could not be read.
 * `io` and `extra` (options the flags do not set, such as the client) are for tests.
 */
export async function captureMain(args: string[], io: CaptureIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }, extra: Partial<CaptureOptions> = {}): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args, allowPositionals: false,
      options: {
        context: { type: 'string' }, namespace: { type: 'string', short: 'n' }, output: { type: 'string', short: 'o' },
        anonymize: { type: 'boolean' }, kubeconfig: { type: 'string' }, 'page-size': { type: 'string' }, timeout: { type: 'string' },
      },
    }));
  } catch (e) {
    io.stderr(`kube-spread: ${(e as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  const num = (v: string | undefined, name: string, min: number): number | undefined => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) < min) throw new CaptureError(`--${name} must be an integer >= ${min}`);
    return Number(v);
  };
  try {
    const timeout = num(values.timeout, 'timeout', 1);
    const r = await captureFixture({
      context: values.context, namespace: values.namespace, anonymize: values.anonymize, kubeconfig: values.kubeconfig,
      pageSize: num(values['page-size'], 'page-size', 1), timeoutMs: timeout === undefined ? undefined : timeout * 1000,
      onProgress: (m) => io.stderr(`kube-spread: ${m}\n`),
      ...extra,
    });
    if (values.output && values.output !== '-') {
      writeFileSync(values.output, r.yaml);
      io.stderr(`kube-spread: wrote ${values.output}: ${r.nodes} node(s), ${r.pods} pod(s) from context ${r.context}\n`);
    } else {
      io.stdout(r.yaml);
    }
    return 0;
  } catch (e) {
    io.stderr(`kube-spread: ${e instanceof CaptureError ? e.message : `capture failed: ${(e as Error).message.split('\n')[0]}`}\n`);
    return 2;
  }
}
