/** Input checks shared by the generators: URLs, header names and values, credentials. */
import { ConfigError } from '../errors';
import { isValidHeaderName, unsafeHeaderValueReason } from '../headers';
import type { Diagnostic } from '../types';
import { inspectBaseUrl } from '../base-url';
import { diagnostic } from '../catalogue';

/**
 * A base URL Claude Code can use: absolute http(s), no credentials, query or fragment, no trailing
 * `/v1` (Claude Code appends `/v1/messages`). A trailing slash is removed. Plain http to a host
 * other than this machine is allowed with a warning.
 */
export function checkBaseUrl(value: string, variable: string, diagnostics: Diagnostic[]): string {
  const { trimmed, findings } = inspectBaseUrl(value);
  for (const f of findings) {
    switch (f.kind) {
      case 'not-absolute':
        throw new ConfigError('INVALID_OPTIONS', `${variable}: ${JSON.stringify(value)} is not an absolute URL (write it as https://host[:port][/path])`);
      case 'scheme':
        throw new ConfigError('INVALID_OPTIONS', `${variable}: ${f.protocol} is not http or https`);
      case 'credentials':
        throw new ConfigError('INVALID_OPTIONS', `${variable}: put the credential in its own variable, not in the URL`);
      case 'query':
        throw new ConfigError('INVALID_OPTIONS', `${variable}: Claude Code appends paths to the base URL, so it cannot carry a query or a fragment`);
      case 'v1':
        throw new ConfigError('INVALID_OPTIONS', `${variable}: ${value} ends in /v1, but Claude Code appends /v1/messages itself; use ${f.fixed}`);
      case 'insecure':
        diagnostics.push(
          diagnostic('generate-insecure-url', {
            variable,
            hostname: f.url.hostname,
            fix: `https://${f.url.host}${f.url.pathname === '/' ? '' : f.url.pathname}`,
          }),
        );
    }
  }
  return trimmed;
}

/** A header Claude Code will send: a token name and a value without line breaks, NUL or characters above U+00FF. */
export function checkHeader(name: string, value: string): void {
  if (!isValidHeaderName(name)) throw new ConfigError('INVALID_OPTIONS', `header name ${JSON.stringify(name)} has characters HTTP does not allow`);
  const reason = unsafeHeaderValueReason(value);
  if (reason) throw new ConfigError('INVALID_OPTIONS', `header ${name}: the value has ${reason}; Claude Code refuses to send it`);
}

/** A credential that can travel in a header (docs/behavior.md#header-value-check): not empty, no whitespace around it, nothing Claude Code refuses. */
export function checkSecret(value: string, variable: string): void {
  if (value === '') throw new ConfigError('INVALID_OPTIONS', `${variable} is empty`);
  if (value.trim() !== value) throw new ConfigError('INVALID_OPTIONS', `${variable} has spaces or a line break around it`);
  const reason = unsafeHeaderValueReason(value);
  if (reason) throw new ConfigError('INVALID_OPTIONS', `${variable} has ${reason}; Claude Code refuses to send it`);
}
