/**
 * `npm run docs:cli`: writes each command's `claude-gateway <command> --help` (without the shared options,
 * listed once above them) into docs/cli.md, between the "generated" markers. test/docs.test.ts fails when
 * the page and the help differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { run } from '../src/cli/main';

export const CLI_PAGE: string = fileURLToPath(new URL('../docs/cli.md', import.meta.url));
const START = "<!-- generated: each command's `claude-gateway <command> --help`, without the shared options -->\n";
const END = '<!-- end of generated -->';

/** The commands, in the order `claude-gateway --help` lists them. */
export function cliCommands(): string[] {
  const main = readFileSync(fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)), 'utf8');
  return [...main.matchAll(/\{\s*name: '([a-z-]+)',\s*summary:/g)].map((m) => m[1]!);
}

async function help(argv: string[]): Promise<string> {
  let out = '';
  const code = await run(argv, { stdout: (t) => (out += t), stderr: (t) => (out += t), env: {}, cwd: '/', isTTY: false });
  if (code !== 0) throw new Error(`claude-gateway ${argv.join(' ')} exited ${code}: ${out}`);
  return out;
}

/** The generated part of docs/cli.md, as the CLI's help says it now. */
export async function cliReference(): Promise<string> {
  const status = await help(['status', '--help']);
  const shared = /\nShared options:\n(?:.*\n)*?\n/.exec(status)?.[0].trim();
  if (shared === undefined) throw new Error('claude-gateway status --help lists no shared options');
  const parts = [
    `### Shared options\n\nAs \`claude-gateway status --help\` lists them (each command's \`--help\` lists those that apply to it):\n\n\`\`\`text\n${shared}\n\`\`\`\n`,
  ];
  for (const command of cliCommands()) {
    const text = (await help([command, '--help'])).replace(/\nShared options:\n(?:.*\n)*?\n/, '\n').trimEnd();
    parts.push(`### \`claude-gateway ${command}\`\n\n\`\`\`text\n${text}\n\`\`\`\n`);
  }
  return `\n${parts.join('\n')}\n`;
}

/** The generated part of the page as it is. */
export function cliReferenceInPage(page: string): string {
  const start = page.indexOf(START);
  const end = page.indexOf(END);
  if (start < 0 || end < start) throw new Error('docs/cli.md has lost its "generated" markers');
  return page.slice(start + START.length, end);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const page = readFileSync(CLI_PAGE, 'utf8');
  const current = cliReferenceInPage(page);
  const next = await cliReference();
  writeFileSync(
    CLI_PAGE,
    page.replace(current, () => next),
  );
  process.stdout.write(current === next ? 'docs/cli.md was up to date\n' : "docs/cli.md: each command's options rewritten from its --help\n");
}
