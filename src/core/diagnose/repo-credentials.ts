/**
 * Credentials where they do harm: only in project or local env while trust is pending (the login
 * screen of §10 row 12), in the shared project file (committed), in a local file git tracks or would
 * not ignore (§1.4).
 */
import type { Diagnostic, EffectiveConfig } from '../types';
import type { DiagnoseFacts } from './facts';
import { CREDENTIAL_VARIABLES, isSecretVariable } from '../variables';
import { value } from './util';

const ROUTE = new Set(['ANTHROPIC_BASE_URL', ...CREDENTIAL_VARIABLES]);

export function repoCredentialRules(config: EffectiveConfig, facts: DiagnoseFacts): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Only values that nothing else supplies before trust: a pending copy of a variable (or helper)
  // that user settings, the shell or managed settings already set changes nothing on the first run.
  const waiting = config.pendingTrust.filter((p) => (p.kind === 'apiKeyHelper' ? !config.apiKeyHelper : ROUTE.has(p.name) && !value(config.env, p.name)));
  if (waiting.length > 0) {
    const names = [...new Set(waiting.map((p) => p.name))].join(', ');
    out.push({
      code: 'doctor-credential-waits-for-trust',
      severity: 'warning',
      scope: waiting[0]?.source.scope ?? 'project',
      ...(waiting[0]?.source.path ? { path: waiting[0].source.path } : {}),
      message: `${names} come only from project or local settings, which apply after the workspace-trust dialog: the first run shows the login screen`,
      fix: 'Put the gateway URL and credential in user settings, the shell or managed settings',
    });
  }
  // Every file that holds a credential, from the sources' parsed settings.
  for (const s of config.sources) {
    if (!s.settings || !s.path || (s.scope !== 'project' && s.scope !== 'local' && s.scope !== 'user')) continue;
    const env = s.settings['env'];
    if (!env || typeof env !== 'object') continue;
    const secrets = Object.entries(env as Record<string, unknown>)
      .filter(([n, v]) => typeof v === 'string' && isSecretVariable(n, v))
      .map(([n]) => n);
    if (secrets.length === 0) continue;
    const names = secrets.join(', ');
    if (s.scope === 'project') {
      out.push({
        code: 'doctor-credential-in-project-file',
        severity: 'error',
        scope: 'project',
        path: s.path,
        message: `${names} is in ${s.path}, the project file meant to be committed: everyone with the repository gets it`,
        fix: 'Move it to .claude/settings.local.json or user settings, and rotate the credential if it was pushed',
        fixEdit: { scope: 'project', ops: secrets.map((n) => ({ op: 'unset' as const, path: ['env', n] })) },
      });
      continue;
    }
    const git = facts.git?.[s.path];
    if (!git?.inRepository) continue;
    if (git.tracked) {
      out.push({
        code: 'doctor-credential-in-tracked-file',
        severity: 'error',
        scope: s.scope,
        path: s.path,
        message: `${names} is in ${s.path}, which git tracks: it is (or will be) committed`,
        fix: `git rm --cached ${s.path}, add it to .gitignore, and rotate the credential`,
      });
    } else if (!git.ignored) {
      out.push({
        code: 'doctor-credential-not-ignored',
        severity: 'warning',
        scope: s.scope,
        path: s.path,
        message: `${names} is in ${s.path}, which git does not ignore: the next "git add ." commits it`,
        fix: 'Add the file to .gitignore (ensureGitIgnored does it, as Claude Code does with **/.claude/settings.local.json)',
      });
    }
  }
  return out;
}
