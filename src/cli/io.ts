/** What the CLI touches of the outside world, so that `run(argv, io)` can be tested in process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stdout is a terminal (colour, progress). */
  isTTY: boolean;
  /** Reads one line from the terminal, for `init`'s questions; absent when input is not a terminal. */
  prompt?: (question: string, options?: { secret?: boolean }) => Promise<string>;
  /** Reads all of standard input (`--value-stdin`, `--token-stdin`); absent when there is none to read. */
  stdin?: () => Promise<string>;
  /** Settles when the person stops a long-running command (Ctrl-C, SIGTERM): `status --watch` runs until then. */
  untilStopped?: () => Promise<void>;
}

/** A usage mistake: exit code 2, one line, no stack. */
export class UsageError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UsageError';
    this.hint = hint;
  }
}

/** A safety refusal of the command line itself (a credential typed as an argument): exit code 3. */
export class RefusedError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.name = 'RefusedError';
    this.code = code;
    this.hint = hint;
  }
}

/** Ctrl-C at a question: exit code 130, nothing written. */
export class InterruptedError extends Error {
  constructor() {
    super('interrupted; nothing written');
    this.name = 'InterruptedError';
  }
}

/** Documented exit codes. */
export const EXIT = {
  ok: 0,
  /** The check failed: doctor found errors, verify/discover did not succeed, --ci found credentials. */
  failed: 1,
  /** The command line is wrong. */
  usage: 2,
  /** A safety refusal: a file that does not parse, a credential where git would commit it, a concurrent change. */
  refused: 3,
  /** Anything unexpected. */
  internal: 4,
  /** Interrupted (Ctrl-C) at a question. */
  interrupted: 130,
} as const;
