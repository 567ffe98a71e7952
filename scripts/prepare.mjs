// `prepare`: npm runs it when this package is installed from git (pre-commit's `language: node` does
// `npm install -g git+file://…`; so does `npm install github:…`), where dist/ is not committed: build it
// then. In a checkout of our own (`npm ci`), it does nothing: the build is `npm run build`.
//
// pre-commit sets npm_config_prefix to its own environment, which npm also takes as the project folder
// of a plain `npm install`: the build tools would land there, not here. They are installed here, with
// the prefix set to this folder, before building.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const fromGit = process.env._PACOTE_NO_PREPARE_ !== undefined || process.env.CGC_BUILD_ON_INSTALL === '1';
if (fromGit && !existsSync(`${here}/dist/cli/cli.js`)) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_config_(prefix|global)$/i.test(k)) delete env[k];
  if (!existsSync(`${here}/node_modules/.bin/tsup`)) {
    execSync('npm install --no-save --no-audit --no-fund --include=dev --ignore-scripts', {
      stdio: 'inherit',
      cwd: here,
      env: { ...env, npm_config_prefix: here },
    });
  }
  execSync('npm run build', { stdio: 'inherit', cwd: here, env });
}
