/**
 * The library names its options and functions; a person at the command line types flags and
 * commands. Each library phrase that names one, and what to type instead: applied to every error and
 * diagnostic the CLI prints.
 */
const OPTION_TO_FLAG: readonly (readonly [RegExp, string])[] = [
  [/\bpass trusted: true\b/g, 'pass --trusted'],
  [/\btrusted: true\b/g, '--trusted'],
  [/\ballowReadOnly(: true)?\b/g, '--allow-read-only'],
  [/\ballowCredentialsInProject(: true)?\b/g, '--allow-credentials-in-project'],
  [/\bconvertJsonc(: true)?\b/g, '--convert-jsonc'],
  [/\bgitIgnoreTarget\b/g, '--git-ignore'],
  [/\bpass force\b/g, 'pass --force'],
  [/\bthe minimal request \(request: 'minimal'\)/g, '--minimal-request'],
  [/\brequest: 'minimal'/g, '--minimal-request'],
  // The generators' options (init, generate).
  [/\bneeds projectId\b/g, 'needs --project'],
  [/\bneeds workspaceId\b/g, 'needs --workspace-id'],
  [/\bneeds resource\b/g, 'needs --resource'],
  [/\bor gatewayUrl\b/g, 'or --gateway-url'],
  [/\bit needs gatewayUrl\b/g, 'it needs --gateway-url'],
  [/\bgatewayToken is\b/g, '--gateway-token-env is'],
  [/\bneeds foundryApiKey or foundryAuthToken\b/g, 'needs --foundry-key-env or --foundry-token-env'],
  [/\(foundryApiKey \/ foundryAuthToken\)/g, '(--foundry-key-env / --foundry-token-env)'],
  [/\bdropInName\b/g, '--drop-in'],
  [/\bttlMs\b/g, '--ttl'],
  [/\btoVsCodeSettings\(configFromEffective\(config\)\)/g, 'claude-gateway generate vscode current'],
  [/\btoVsCodeSettings\(\)/g, 'claude-gateway generate vscode'],
  [/\bplanEdit\b/g, 'claude-gateway set --dry-run'],
  [/\bpass claudeCodeVersion: '([^']+)'/g, 'pass --claude-version $1'],
  [/\bclaudeCodeVersion\b/g, '--claude-version'],
  [/\(ensureGitIgnored does it, /g, '(claude-gateway set writes a credential there only after adding it, '],
  [/, so it runs here only with approvedRemote: true/g, ', so claude-gateway does not run it'],
];

/** A library message with its option and function names replaced by the CLI flags and commands that do the same. */
export function withFlags(message: string): string {
  let out = message;
  for (const [re, flagName] of OPTION_TO_FLAG) out = out.replace(re, flagName);
  return out;
}
