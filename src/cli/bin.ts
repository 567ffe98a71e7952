#!/usr/bin/env node
/** The `claude-gateway` executable: real I/O around `run`. */
import { createInterface } from 'node:readline';
import { InterruptedError } from './io';
import { run, type CliIo } from './main';

const io: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
  // Only a command that asks waits for Ctrl-C; every other command keeps Node's default (exit at once).
  untilStopped: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  ...(process.stdin.isTTY
    ? {
        prompt: (question: string, options?: { secret?: boolean }) =>
          new Promise<string>((resolve, reject) => {
            const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
            // Ctrl-C (or Ctrl-D) at a question stops the command: exit 130, nothing written.
            let answered = false;
            rl.on('SIGINT', () => {
              process.stderr.write('\n');
              rl.close();
            });
            rl.on('close', () => {
              if (!answered) reject(new InterruptedError());
            });
            if (options?.secret) {
              // Echo nothing while a secret is typed.
              (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
                if (s.includes(question)) process.stderr.write(question);
              };
            }
            rl.question(question, (answer) => {
              answered = true;
              rl.close();
              if (options?.secret) process.stderr.write('\n');
              resolve(answer);
            });
          }),
      }
    : {}),
};

process.exitCode = await run(process.argv.slice(2), io);
