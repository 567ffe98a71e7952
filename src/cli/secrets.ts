/**
 * The CLI's second line of defence: without `--show-secrets`, everything a command prints goes
 * through a redactor (src/core/redact.ts) that knows the secrets the command met on its way (the
 * resolved configuration's, a helper's output, the tokens `init` read) and the rules that need no
 * knowledge (URL user information, credential query parameters, credential members of JSON).
 */
import { createRedactor, type Redactor } from '../core/redact';
import type { CliIo } from './io';

const registries = new WeakMap<CliIo, (values: Iterable<string | undefined>) => void>();

/** An io whose stdout and stderr mask every secret noted with {@link noteSecrets}. */
export function redactingIo(io: CliIo): CliIo {
  const known = new Set<string>();
  let redactor: Redactor | undefined;
  const current = (): Redactor => (redactor ??= createRedactor(known));
  const wrapped: CliIo = {
    ...io,
    stdout: (text) => io.stdout(current().text(text)),
    stderr: (text) => io.stderr(current().text(text)),
  };
  registries.set(wrapped, (values) => {
    for (const v of values) {
      if (typeof v === 'string' && v !== '' && !known.has(v)) {
        known.add(v);
        redactor = undefined;
      }
    }
  });
  return wrapped;
}

/** Tells the io's redactor about secrets (a no-op with `--show-secrets`, where the io is not wrapped). */
export function noteSecrets(io: CliIo, values: Iterable<string | undefined>): void {
  registries.get(io)?.(values);
}
