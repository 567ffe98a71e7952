// `prepare`: npm runs it when this package is installed from git (pre-commit's `language: node` does
// `npm install git+file://…`; so does `npm install github:…`), where dist/ is not committed: build it then.
// In a checkout of our own (`npm ci`), it does nothing: the build is `npm run build`.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const fromGit = process.env._PACOTE_NO_PREPARE_ !== undefined || process.env.CGC_BUILD_ON_INSTALL === '1';
if (fromGit && !existsSync(new URL('../dist/cli/cli.js', import.meta.url))) {
  execSync('npm run build', { stdio: 'inherit', cwd: new URL('..', import.meta.url) });
}
