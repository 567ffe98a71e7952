/**
 * The recording gateway: a plain HTTP server on 127.0.0.1 that answers the Messages API well
 * enough for `claude -p` to finish, and records every request (method, path with query, every
 * header, the body). It runs inside the run's namespaces, beside the `claude` it serves.
 *
 * Base URLs in vectors carry a path prefix per layer (`/user`, `/project`, `/managed`, ...), so the
 * path of a request shows which base URL won; the gateway answers under any prefix.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  /** Every header, names lowercased; repeated headers joined as Node joins them. */
  headers: Record<string, string>;
  /** The body as text (cut at {@link MAX_BODY} characters). */
  body: string;
  /** Milliseconds since the gateway started. */
  at: number;
}

export interface RecordingGateway {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export const MAX_BODY: number = 256 * 1024;
const MODEL_FALLBACK = 'claude-sonnet-4-6';

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body).toString() });
  res.end(body);
}

function modelOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { model?: unknown };
    return typeof parsed.model === 'string' ? parsed.model : MODEL_FALLBACK;
  } catch {
    return MODEL_FALLBACK;
  }
}

function safeJson(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function wantsStream(body: string): boolean {
  try {
    return (JSON.parse(body) as { stream?: unknown }).stream === true;
  } catch {
    return false;
  }
}

let messageCounter = 0;

/** The Messages API answer: SSE when the request asked for a stream, else one JSON message. */
function answerMessages(res: ServerResponse, body: string): void {
  const model = modelOf(body);
  const id = `msg_conformance_${++messageCounter}`;
  const usage = { input_tokens: 8, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  if (!wantsStream(body)) {
    json(res, 200, {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: 'Hi' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage,
    });
    return;
  }
  const events: [string, unknown][] = [
    [
      'message_start',
      { type: 'message_start', message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage } },
    ],
    ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } }],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } }],
    ['message_stop', { type: 'message_stop' }],
  ];
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.end(events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join(''));
}

/** Decides the answer from the path alone (any layer prefix before it). */
function route(req: RecordedRequest, res: ServerResponse): void {
  const path = req.url.split('?')[0] ?? '';
  if (req.method === 'HEAD' && path.endsWith('/api/hello')) {
    res.writeHead(404);
    res.end();
    return;
  }
  if (req.method === 'POST' && path.endsWith('/v1/messages/count_tokens')) {
    json(res, 200, { input_tokens: 8 });
    return;
  }
  if (req.method === 'POST' && path.endsWith('/v1/messages')) {
    answerMessages(res, req.body);
    return;
  }
  if (req.method === 'GET' && path.endsWith('/v1/models')) {
    const data = [
      { type: 'model', id: 'claude-sonnet-4-6', display_name: 'Claude Sonnet 4.6', created_at: '2026-01-01T00:00:00Z' },
      { type: 'model', id: 'claude-opus-4-6', display_name: 'Claude Opus 4.6', created_at: '2026-01-01T00:00:00Z' },
      { type: 'model', id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', created_at: '2026-01-01T00:00:00Z' },
    ];
    json(res, 200, { data, has_more: false, first_id: data[0]?.id, last_id: data[data.length - 1]?.id });
    return;
  }
  // Vertex speaks the Messages format under its own paths: SSE from streamRawPredict, JSON from rawPredict.
  if (req.method === 'POST' && path.endsWith(':streamRawPredict')) {
    answerMessages(res, JSON.stringify({ ...safeJson(req.body), stream: true }));
    return;
  }
  if (req.method === 'POST' && path.endsWith(':rawPredict')) {
    answerMessages(res, JSON.stringify({ ...safeJson(req.body), stream: false }));
    return;
  }
  // Bedrock: the inference-profile listing, and the JSON invoke (the event-stream invoke gets a 404,
  // after which Claude Code falls back to invoke). The model is in the path, not the body.
  if (req.method === 'GET' && path.endsWith('/inference-profiles')) {
    json(res, 200, { inferenceProfileSummaries: [] });
    return;
  }
  const bedrock = /\/model\/([^/]+)\/invoke$/.exec(path);
  if (req.method === 'POST' && bedrock) {
    answerMessages(res, JSON.stringify({ ...safeJson(req.body), model: decodeURIComponent(bedrock[1] ?? ''), stream: false }));
    return;
  }
  // Anything else (Bedrock invoke-with-response-stream, ...): recorded, answered with an error;
  // only the first inference request of such a run is compared.
  json(res, 404, { type: 'error', error: { type: 'not_found_error', message: `conformance gateway: no answer for ${req.method} ${path}` } });
}

/** Starts the gateway on 127.0.0.1 (`port` 0 picks a free one). */
export function startGateway(port = 0): Promise<RecordingGateway> {
  const requests: RecordedRequest[] = [];
  const started = Date.now();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY * 4) chunks.push(c);
    });
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: flatHeaders(req),
        body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY),
        at: Date.now() - started,
      };
      requests.push(recorded);
      try {
        route(recorded, res);
      } catch (e) {
        json(res, 500, { type: 'error', error: { type: 'api_error', message: String(e) } });
      }
    });
  });
  server.keepAliveTimeout = 500;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${actual}`,
        port: actual,
        requests,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
