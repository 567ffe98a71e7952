/**
 * What is wrong with a base URL, once: the generators refuse it (`checkBaseUrl`), the doctor reports it
 * (`baseUrlRules`). Claude Code appends its paths to the base URL (`/v1/messages` for the Messages
 * format), so a query, a fragment or a trailing `/v1` breaks every request.
 */

/** Hosts on this machine: plain http to them does not cross a network. */
export const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** One problem with a base URL. */
export type BaseUrlFinding =
  | { kind: 'not-absolute' }
  | { kind: 'scheme'; protocol: string }
  | { kind: 'credentials' }
  | { kind: 'query' }
  | { kind: 'v1'; fixed: string }
  | { kind: 'insecure'; url: URL };

/** The URL parsed (when it parses as http or https), the value without trailing slashes, and every finding, in that order. */
export interface BaseUrlInspection {
  url?: URL;
  /** The value trimmed of white space and trailing slashes. */
  trimmed: string;
  findings: BaseUrlFinding[];
}

/**
 * Inspects a base URL. `messagesFormat: false` leaves out the `/v1` rule, for the providers whose
 * paths are not `/v1/messages` (a Vertex route may end in `/v1`).
 */
export function inspectBaseUrl(value: string, options: { messagesFormat?: boolean } = {}): BaseUrlInspection {
  const trimmed = value.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { trimmed, findings: [{ kind: 'not-absolute' }] };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { trimmed, findings: [{ kind: 'scheme', protocol: url.protocol }] };
  const findings: BaseUrlFinding[] = [];
  if (url.username || url.password) findings.push({ kind: 'credentials' });
  // An empty `?` or `#` leaves url.search / url.hash empty but still ends up before /v1/messages.
  if (url.search || url.hash || /[?#]/.test(value)) findings.push({ kind: 'query' });
  if (options.messagesFormat !== false && /\/v1$/i.test(trimmed)) findings.push({ kind: 'v1', fixed: trimmed.replace(/\/v1$/i, '') });
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) findings.push({ kind: 'insecure', url });
  return { url, trimmed, findings };
}
