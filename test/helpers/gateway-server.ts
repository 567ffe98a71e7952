/**
 * A real HTTP(S) server on 127.0.0.1 that plays a gateway: each test gives it a behaviour, and it
 * records every request it received (method, path with query, headers, body). No keep-alive: every
 * answer closes its connection, and `close()` drops the open ones, so a closed server really refuses.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface ReceivedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers one request. `later` runs a callback after a delay that `close()` cancels. */
export type Behaviour = (request: ReceivedRequest, res: ServerResponse, later: (ms: number, fn: () => void) => void) => void;

export interface FakeGateway {
  /** `http://127.0.0.1:<port>` (or https). */
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Replaces the behaviour for the next requests. */
  behave(behaviour: Behaviour): void;
  close(): Promise<void>;
}

/** Sends a complete answer with `connection: close`. */
export function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.writableEnded || res.destroyed || !res.socket || res.socket.destroyed) return; // the client gave up (a timeout test)
  res.writeHead(status, { connection: 'close', 'content-length': Buffer.byteLength(body).toString(), ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });
}

/** The body of a successful Messages answer. */
export const MESSAGE_BODY: Readonly<Record<string, unknown>> = {
  id: 'msg_01TestGateway',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-6',
  content: [{ type: 'text', text: 'Hi' }],
  stop_reason: 'max_tokens',
  usage: { input_tokens: 8, output_tokens: 1 },
};

function listen(server: Server | HttpsServer, behaviourRef: { current: Behaviour }, protocol: 'http' | 'https'): Promise<FakeGateway> {
  const requests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  server.keepAliveTimeout = 1;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received: ReceivedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(received);
      behaviourRef.current(received, res, later);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `${protocol}://127.0.0.1:${port}`,
        port,
        requests,
        behave: (b) => {
          behaviourRef.current = b;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const t of timers) clearTimeout(t);
            timers.clear();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Starts an HTTP gateway on a random port of 127.0.0.1. */
export function startGateway(behaviour: Behaviour = (_r, res) => sendJson(res, 200, MESSAGE_BODY)): Promise<FakeGateway> {
  return listen(createHttpServer(), { current: behaviour }, 'http');
}

/**
 * One gateway for the tests of the calling file or `describe` block: started before them, closed
 * after them, and before each test emptied of requests and given the `reset` behaviour again.
 * The handle reads through to the running server, so `gw.url` works inside tests.
 */
export function useGateway(reset: Behaviour = (_r, res) => sendJson(res, 200, MESSAGE_BODY)): FakeGateway {
  let started: FakeGateway | undefined;
  const current = (): FakeGateway => {
    if (!started) throw new Error('useGateway: the gateway starts in beforeAll; use it inside tests');
    return started;
  };
  beforeAll(async () => {
    started = await startGateway(reset);
  });
  afterAll(async () => {
    await started?.close();
  });
  beforeEach(() => {
    const gw = current();
    gw.requests.length = 0;
    gw.behave(reset);
  });
  return {
    get url() {
      return current().url;
    },
    get port() {
      return current().port;
    },
    get requests() {
      return current().requests;
    },
    behave: (b) => current().behave(b),
    close: () => current().close(),
  };
}

/** A self-signed key and certificate for 127.0.0.1 made with openssl, or undefined when openssl is missing. */
export function selfSignedCert(dir: string): { key: string; cert: string } | undefined {
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', keyPath, '-out', certPath], {
      stdio: 'ignore',
      timeout: 20_000,
    });
  } catch {
    return undefined;
  }
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
}

/** Starts an HTTPS gateway with the given (self-signed) certificate. */
export function startHttpsGateway(
  tls: { key: string; cert: string },
  behaviour: Behaviour = (_r, res) => sendJson(res, 200, MESSAGE_BODY),
): Promise<FakeGateway> {
  return listen(createHttpsServer({ key: tls.key, cert: tls.cert }), { current: behaviour }, 'https');
}

/** A port on 127.0.0.1 that nothing listens on: a server is bound to it, then closed. */
export async function closedPort(): Promise<number> {
  const gw = await startGateway();
  await gw.close();
  return gw.port;
}
