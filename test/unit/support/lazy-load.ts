/** Runs one rule over a sample in a fresh process and tells whether a lazily loaded module got loaded. */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');

export function loadsModule(ruleFile: string, ruleExport: string, sample: string, moduleFragment: string): boolean {
  const out = execFileSync(
    process.execPath,
    [
      '--require',
      'tsx/cjs',
      '-e',
      `const { lintText } = require('./src/core/runner'); const { ${ruleExport} } = require('./src/rules/${ruleFile}');
       lintText(${JSON.stringify(sample)}, { rules: [${ruleExport}] });
       process.stdout.write(String(Object.keys(require.cache).some((k) => k.includes(${JSON.stringify(moduleFragment)}))));`,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return out === 'true';
}
