import { resolve } from 'node:path';
import { versioned } from '../output-types';
import { renderReport } from '../../core/report';
import { secretValuesOf } from '../../core/redact';
import { writeReportFile } from '../../node/report-file';
import { resolveEffectiveConfig } from '../../resolve-effective';
import { EXIT, UsageError } from '../io';
import { json } from '../format';
import { flag, parse, resolveOptions, text } from '../options';
import { noteSecrets } from '../secrets';
import type { Command } from './types';

/** Where the page goes when --output is not given. */
export const DEFAULT_REPORT_FILE = 'claude-gateway-report.html';

export const report: Command = {
  examples: ['claude-gateway report', 'claude-gateway report --output ~/Desktop/claude.html --all', 'claude-gateway report --output - > report.html'],
  name: 'report',
  summary: 'one HTML page (no script, no network): every variable and key against every source, who wins and why',
  usage: 'claude-gateway report [--output <file>] [--all] [--force] [options]',
  options: { output: { type: 'string', short: 'o' }, all: { type: 'boolean' }, force: { type: 'boolean' } },
  help: [
    `  -o, --output <file>       where to write the page (default ${DEFAULT_REPORT_FILE} here; - for standard output)`,
    '  --all                     every variable and settings key, not only the gateway-relevant ones',
    '  --force                   replace a file that is not an earlier report (an earlier report is replaced anyway)',
  ].join('\n'),
  async run(args, io) {
    const { values } = parse(args, this.options);
    const show = flag(values, 'show-secrets');
    const config = await resolveEffectiveConfig(resolveOptions(values, io));
    noteSecrets(io, secretValuesOf(config));
    const html = renderReport(config, {
      showSecrets: show,
      all: flag(values, 'all'),
      cwd: text(values, 'cwd') ?? io.cwd,
      generatedAt: new Date().toISOString(),
    });
    const output = text(values, 'output') ?? DEFAULT_REPORT_FILE;
    if (output === '-' && flag(values, 'json'))
      throw new UsageError('--json and --output - both write to standard output: give --output a file, or leave out --json');
    if (output === '-') {
      io.stdout(html);
      return EXIT.ok;
    }
    const written = await writeReportFile(resolve(io.cwd, output), html, { force: flag(values, 'force'), showsSecrets: show });
    if (flag(values, 'json')) {
      io.stdout(json(versioned({ path: written.path, replaced: written.replaced })));
      return EXIT.ok;
    }
    const problems = (['error', 'warning'] as const).map((s) => `${config.diagnostics.filter((d) => d.severity === s).length} ${s}(s)`).join(', ');
    io.stdout(
      `${written.replaced ? 'replaced' : 'wrote'} ${written.path}\n  ${config.providerLabel}; ${problems}; ${show ? 'SECRETS SHOWN: do not share it' : 'secrets masked'}\n  open it in a browser: it loads nothing from the network and runs no script\n`,
    );
    return EXIT.ok;
  },
};
