/**
 * The URL Claude Code sends a request to, from a base URL and a request path, joined as the binary
 * joins them (docs/behavior.md#base-url-forms): trailing slashes of the base dropped, the path
 * appended to the whole text (after a query, if the base has one), then the query re-encoded. A base
 * with a query therefore loses the path into its last parameter: `https://gw/query?tenant=a` gives
 * `https://gw/query?tenant=a%2Fv1%2Fmessages%3Fbeta%3Dtrue` (vector base-form-query).
 */

/** The path and query of the first inference request on the Anthropic Messages API. */
export const MESSAGES_PATH = '/v1/messages?beta=true';

/** The URL of `path` under `base`, as Claude Code builds it; undefined when `base` is not a URL. */
export function requestUrl(base: string, path: string = MESSAGES_PATH): URL | undefined {
  let url: URL;
  try {
    url = new URL(base.replace(/\/+$/, '') + path);
  } catch {
    return undefined;
  }
  const query = new URLSearchParams(url.search).toString();
  url.search = query === '' ? '' : `?${query}`;
  return url;
}

/** True when a request under `base` would not reach the path it names (a query or fragment swallows it). */
export function pathSwallowed(base: string, path: string = MESSAGES_PATH): boolean {
  const url = requestUrl(base, path);
  if (url === undefined) return false;
  const wanted = path.split('?')[0] as string;
  return !url.pathname.endsWith(wanted);
}
