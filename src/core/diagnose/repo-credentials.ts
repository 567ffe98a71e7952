/**
 * Credentials where they do harm: only in project or local env while trust is pending (with no other
 * credential, the login screen; see docs/behavior.md#workspace-trust), in the shared project
 * file (committed), in a local file git tracks or would not ignore.
 */
import type { Diagnostic, EffectiveConfig } from '../types';
import type { DiagnoseFacts } from './facts';
import { CREDENTIAL_VARIABLES, isSecretVariable } from '../variables';
import { value } from './util';
import { describeSource } from '../explain';

/** The credential in use, as a person names it. */
function credentialName(config: EffectiveConfig): string {
  const c = config.credential;
  if (c.variable !== undefined) return c.variable;
  if (c.kind === 'login') return 'the saved claude.ai login';
  return `the ${config.provider} credentials`;
}

const ROUTE = new Set(['ANTHROPIC_BASE_URL', ...CREDENTIAL_VARIABLES]);

export function repoCredentialRules(config: EffectiveConfig, facts: DiagnoseFacts): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Only values that nothing else supplies before trust: a pending copy of a variable (or helper)
  // that user settings, the shell or managed settings already set changes nothing on the first run.
  const waiting = config.pendingTrust.filter((p) => (p.kind === 'apiKeyHelper' ? !config.apiKeyHelper : ROUTE.has(p.name) && !value(config.env, p.name)));
  if (waiting.length > 0) {
    const names = [...new Set(waiting.map((p) => p.name))].join(', ');
    const scopes = [...new Set(waiting.map((p) => p.source.scope))].join(' and ');
    const at = { scope: waiting[0]?.source.scope ?? 'project', ...(waiting[0]?.source.path ? { path: waiting[0].source.path } : {}) } as const;
    const now = config.credential;
    if (now.kind === 'none') {
      out.push({
        code: 'doctor-credential-waits-for-trust',
        severity: 'warning',
        ...at,
        message: `${names} come only from ${scopes} settings, which apply after the workspace-trust dialog, and nothing else supplies a credential: the first run shows the login screen`,
        fix: 'Put the gateway URL and credential in user settings, the shell or managed settings',
      });
    } else {
      // A credential already reaches Claude Code: the session starts; trust only adds these.
      out.push({
        code: 'doctor-credential-after-trust',
        severity: 'info',
        ...at,
        message: `${names} from ${scopes} settings apply only after the workspace-trust dialog is accepted; until then Claude Code uses ${credentialName(config)}${now.source ? ` from ${describeSource(now.source)}` : ''}, and accepting adds them`,
        fix: 'See the configuration after trust with `trusted: true`; if the repository should not choose them, remove them from its settings',
      });
    }
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
