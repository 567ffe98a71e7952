/**
 * A GitHub Actions step for `anthropics/claude-code-action@v1` (docs/behavior.md#github-actions): the credential from a secret
 * in the action's `anthropic_api_key` input, the gateway variables in `env`, and for bearer gateways
 * `ANTHROPIC_AUTH_TOKEN` too (the launch check reads only the input; the bearer wins at run time).
 */
import { stringify } from 'yaml';
import type { Diagnostic, GeneratedConfig } from '../types';
import { secretPartsOf } from '../redact';
import { CREDENTIAL_VARIABLES } from '../variables';
import { diagnostic } from '../catalogue';

/** Options for the GitHub Actions workflow generator. */
export interface GitHubActionsOptions {
  /** The repository secret holding the credential. @default 'GATEWAY_API_KEY' */
  secretName?: string;
  /** The step's prompt input, if any. */
  prompt?: string;
}

/** The GitHub Actions workflow text, and what was found while making it. */
export interface GitHubActionsResult {
  /** The step as YAML (a list with one item, ready to paste under `steps:`). */
  yaml: string;
  /** The same step as data. */
  step: Record<string, unknown>;
  /** The repository secrets the step reads (the credential's first, then any variable that carries one). */
  secrets: string[];
  /** What was found while generating it. */
  diagnostics: Diagnostic[];
}

const SECRET_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Actions evaluates `${{ ... }}` anywhere in a value: write the opening as an expression that yields it. */
function escapeExpressions(value: string): string {
  return value.replace(/\$\{\{/g, "${{ '${{' }}");
}

/**
 * A `anthropics/claude-code-action@v1` step for the configuration: the credential from a repository
 * secret, the gateway variables in `env`.
 */
export function toGitHubActionsStep(value: GeneratedConfig, options: GitHubActionsOptions = {}): GitHubActionsResult {
  const secretName = options.secretName ?? 'GATEWAY_API_KEY';
  if (!SECRET_NAME_RE.test(secretName)) throw new TypeError(`${JSON.stringify(secretName)} is not a GitHub secret name`);
  const secret = `\${{ secrets.${secretName} }}`;
  const diagnostics: Diagnostic[] = [];
  const env: Record<string, string> = {};
  const withInputs: Record<string, string> = {};
  const secrets = [secretName];
  for (const [name, v] of Object.entries(value.env).sort(([a], [b]) => a.localeCompare(b))) {
    // Credentials never go into the workflow file: they come from the secret.
    if (CREDENTIAL_VARIABLES.includes(name)) env[name] = secret;
    else if (secretPartsOf(name, v).length > 0) {
      // A value that carries one (a credential header in ANTHROPIC_CUSTOM_HEADERS, a password in a
      // URL) comes whole from a secret of the variable's own name.
      env[name] = `\${{ secrets.${name} }}`;
      secrets.push(name);
      diagnostics.push(diagnostic('generate-not-expressible', { kind: 'github-secret', variable: name }));
    } else env[name] = escapeExpressions(v);
  }
  const cred = value.credentialVariable;
  if (value.provider === 'anthropic') {
    if (cred === 'ANTHROPIC_AUTH_TOKEN' || cred === 'ANTHROPIC_API_KEY' || cred === undefined) withInputs['anthropic_api_key'] = secret;
    if (cred === 'ANTHROPIC_API_KEY') delete env['ANTHROPIC_API_KEY'];
  } else {
    const input = { bedrock: 'use_bedrock', vertex: 'use_vertex', foundry: 'use_foundry' }[value.provider as 'bedrock' | 'vertex' | 'foundry'];
    if (input) withInputs[input] = 'true';
    else diagnostics.push(diagnostic('generate-not-expressible', { kind: 'github-provider-input', provider: value.provider }));
  }
  if (typeof value.settings['apiKeyHelper'] === 'string') {
    // The launch check needs anthropic_api_key, and that key outranks any helper (docs/behavior.md#github-actions).
    diagnostics.push(diagnostic('generate-not-expressible', { kind: 'github-helper', secret: secretName }));
  }
  if (options.prompt !== undefined) withInputs['prompt'] = options.prompt;
  const step: Record<string, unknown> = { name: 'Claude Code', uses: 'anthropics/claude-code-action@v1' };
  if (Object.keys(env).length > 0) step['env'] = env;
  if (Object.keys(withInputs).length > 0) step['with'] = withInputs;
  return { yaml: stringify([step], { lineWidth: 0 }), step, secrets, diagnostics };
}
