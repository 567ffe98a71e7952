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
import { diagnostic } from '../catalogue';

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
    const names = [...new Set(waiting.map((p) => p.name))];
    const levels = [...new Set(waiting.map((p) => p.source.scope))];
    const at = { scope: waiting[0]?.source.scope ?? 'project', ...(waiting[0]?.source.path ? { path: waiting[0].source.path } : {}) } as const;
    const now = config.credential;
    if (now.kind === 'none') {
      out.push(diagnostic('doctor-credential-waits-for-trust', { names, levels }, at));
    } else {
      // A credential already reaches Claude Code: the session starts; trust only adds these.
      out.push(
        diagnostic(
          'doctor-credential-after-trust',
          { names, levels, meanwhile: credentialName(config), meanwhileFrom: now.source ? describeSource(now.source) : undefined },
          at,
        ),
      );
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
    if (s.scope === 'project') {
      out.push(
        diagnostic(
          'doctor-credential-in-project-file',
          { variables: secrets, file: s.path },
          { scope: 'project', path: s.path, fixEdit: { scope: 'project', ops: secrets.map((n) => ({ op: 'unset' as const, path: ['env', n] })) } },
        ),
      );
      continue;
    }
    const git = facts.git?.[s.path];
    if (!git?.inRepository) continue;
    if (git.tracked) {
      out.push(diagnostic('doctor-credential-in-tracked-file', { variables: secrets, file: s.path }, { scope: s.scope, path: s.path }));
    } else if (!git.ignored) {
      out.push(diagnostic('doctor-credential-not-ignored', { variables: secrets, file: s.path }, { scope: s.scope, path: s.path }));
    }
  }
  return out;
}
