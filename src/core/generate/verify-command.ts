/**
 * The documented verification check (docs/behavior.md#verification-check) as a command a person runs: `curl` for POSIX shells and
 * `Invoke-RestMethod` for PowerShell. Credentials are referenced through their variables (or the
 * helper's output), never written into the command; so are custom headers that carry one.
 */
import { verificationModel } from '../verify';
import { ConfigError } from '../errors';
import type { GeneratedConfig } from '../types';
import { parseCustomHeaders } from '../headers';
import { isCredentialHeaderName } from '../variables';
import { posixQuote, powershellQuote } from './shell';
import { minimalBody } from '../verify';

/**
 * A custom header that carries a credential (`Helicone-Auth`, `cf-aig-authorization`, ...) is read
 * from `ANTHROPIC_CUSTOM_HEADERS` when the command runs, never written into it: the line of that
 * header (name compared without case, spaces around name and value and a CR dropped).
 */
function posixHeaderFromVariable(name: string): string {
  const awk =
    '{ sub(/\\r$/, ""); i = index($0, ":"); k = substr($0, 1, i - 1); v = substr($0, i + 1); gsub(/^[ \\t]+|[ \\t]+$/, "", k); gsub(/^[ \\t]+|[ \\t]+$/, "", v) } ' +
    'i > 0 && tolower(k) == n { print k ": " v; exit }';
  return `-H "$(printf '%s\\n' "$ANTHROPIC_CUSTOM_HEADERS" | awk -v n=${posixQuote(name.toLowerCase())} ${posixQuote(awk)})"`;
}

/** The PowerShell expression for the value of that header, from `$env:ANTHROPIC_CUSTOM_HEADERS`. */
function powershellHeaderFromVariable(name: string): string {
  return `((($env:ANTHROPIC_CUSTOM_HEADERS -split "\\r?\\n") | Where-Object { ($_ -split ':', 2)[0].Trim() -ieq ${powershellQuote(name)} } | Select-Object -First 1) -split ':', 2)[1].Trim()`;
}

/** Options for generating a verification command (`curl` or PowerShell). */
export interface VerifyCommandOptions {
  /** @default the configuration's ANTHROPIC_MODEL, else claude-sonnet-4-6 */
  model?: string;
  /** The streaming check (max_tokens 16, stream: true, `curl -N`). @default false */
  stream?: boolean;
}

/** The same body the library's own check sends. */
const body = minimalBody;

/**
 * The verification check as a `curl` (bash) or `Invoke-RestMethod` (PowerShell) command;
 * credentials are referenced through their variables, never written out.
 */
export function toVerifyCommand(value: GeneratedConfig, shell: 'bash' | 'powershell' = 'bash', options: VerifyCommandOptions = {}): string {
  if (value.provider !== 'anthropic') {
    throw new ConfigError('INVALID_OPTIONS', `the verification request is for Anthropic-format gateways (ANTHROPIC_BASE_URL), not ${value.provider}`);
  }
  const base = value.env['ANTHROPIC_BASE_URL'];
  if (!base) throw new ConfigError('INVALID_OPTIONS', 'no ANTHROPIC_BASE_URL in the configuration');
  const model = options.model ?? verificationModel((name) => value.env[name] || undefined);
  const stream = options.stream === true;
  const helper = typeof value.settings['apiKeyHelper'] === 'string' ? (value.settings['apiKeyHelper'] as string) : undefined;
  const custom = parseCustomHeaders(value.env['ANTHROPIC_CUSTOM_HEADERS'] ?? '', { checkValues: false }).headers;
  const cred = value.credentialVariable;

  if (shell === 'powershell') {
    const lines: string[] = [];
    if (helper) lines.push(`$key = (cmd /c ${powershellQuote(helper)}).Trim()`);
    const headers: string[] = [`"anthropic-version" = "2023-06-01"`];
    if (cred === 'ANTHROPIC_AUTH_TOKEN') headers.unshift(`"Authorization" = "Bearer $env:ANTHROPIC_AUTH_TOKEN"`);
    if (cred === 'ANTHROPIC_API_KEY') headers.unshift(`"x-api-key" = $env:ANTHROPIC_API_KEY`);
    if (helper) headers.unshift(`"Authorization" = "Bearer $key"`, `"x-api-key" = $key`);
    for (const h of custom)
      headers.push(`${powershellQuote(h.name)} = ${isCredentialHeaderName(h.name) ? `(${powershellHeaderFromVariable(h.name)})` : powershellQuote(h.value)}`);
    if (stream) {
      // Invoke-RestMethod waits for the whole answer, which hides buffering: the streaming check
      // uses Windows' own curl.exe with -N, the body piped in so that no quoting reaches a native program.
      const curlHeaders: string[] = [];
      if (cred === 'ANTHROPIC_AUTH_TOKEN') curlHeaders.push(`-H "Authorization: Bearer $env:ANTHROPIC_AUTH_TOKEN"`);
      if (cred === 'ANTHROPIC_API_KEY') curlHeaders.push(`-H "x-api-key: $env:ANTHROPIC_API_KEY"`);
      if (helper) curlHeaders.push(`-H "Authorization: Bearer $key"`, `-H "x-api-key: $key"`);
      curlHeaders.push(`-H "anthropic-version: 2023-06-01"`, `-H "content-type: application/json"`);
      for (const h of custom)
        curlHeaders.push(
          isCredentialHeaderName(h.name)
            ? `-H "${h.name.replace(/[`"$]/g, '`$&')}: $(${powershellHeaderFromVariable(h.name)})"`
            : `-H ${powershellQuote(`${h.name}: ${h.value}`)}`,
        );
      lines.push(
        `$body = ${powershellQuote(body(model, stream))}`,
        `$body | curl.exe -N -X POST ${powershellQuote(`${base}/v1/messages`)} \``,
        ...curlHeaders.map((h) => `  ${h} \``),
        `  --data-binary '@-'`,
      );
      return `${lines.join('\r\n')}\r\n`;
    }
    lines.push(
      `Invoke-RestMethod -Method Post -Uri ${powershellQuote(`${base}/v1/messages`)} \``,
      `  -Headers @{ ${headers.join('; ')} } \``,
      `  -ContentType "application/json" \``,
      `  -Body ${powershellQuote(body(model, stream))}`,
    );
    return `${lines.join('\r\n')}\r\n`;
  }
  const lines: string[] = [];
  if (helper) lines.push(`KEY="$(${helper})"`);
  const args: string[] = [`curl ${stream ? '-N ' : ''}-X POST ${posixQuote(`${base}/v1/messages`)}`];
  if (cred === 'ANTHROPIC_AUTH_TOKEN') args.push(`-H "Authorization: Bearer $ANTHROPIC_AUTH_TOKEN"`);
  if (cred === 'ANTHROPIC_API_KEY') args.push(`-H "x-api-key: $ANTHROPIC_API_KEY"`);
  if (helper) args.push(`-H "Authorization: Bearer $KEY"`, `-H "x-api-key: $KEY"`);
  args.push(`-H 'anthropic-version: 2023-06-01'`, `-H 'content-type: application/json'`);
  for (const h of custom) args.push(isCredentialHeaderName(h.name) ? posixHeaderFromVariable(h.name) : `-H ${posixQuote(`${h.name}: ${h.value}`)}`);
  args.push(`-d ${posixQuote(body(model, stream))}`);
  lines.push(args.join(' \\\n  '));
  return `${lines.join('\n')}\n`;
}
