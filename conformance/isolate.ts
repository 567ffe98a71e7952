/**
 * The private view of the machine every in-namespace driver sets up before it starts anything
 * (conformance/driver.ts, conformance/reload-driver.ts): only loopback, a tmpfs over /root (the real home
 * can be neither read nor written), an overlay over /etc whose upper layer is a tmpfs, and the run's
 * /etc/claude-code laid out there. Throws if anything is not as required.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function sh(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Isolates this process (pid 1 of new mount, network and pid namespaces); `who` names the driver in errors. Returns the interfaces seen. */
export function isolateNamespace(who: string, scratch: string, etcClaudeCode: string | undefined): string[] {
  if (process.pid !== 1) throw new Error(`${who}: expected to be pid 1 of a new pid namespace, am ${process.pid}`);
  // /proc/net/dev is the reading process's network namespace (/sys/class/net would be the host's sysfs).
  const interfaces = readFileSync('/proc/net/dev', 'utf8')
    .split('\n')
    .slice(2)
    .map((l) => l.split(':')[0]?.trim() ?? '')
    .filter((n) => n !== '');
  if (interfaces.some((i) => i !== 'lo')) throw new Error(`${who}: network namespace has interfaces besides lo: ${interfaces.join(', ')}`);
  sh('ip', ['link', 'set', 'lo', 'up']);
  sh('mount', ['-t', 'tmpfs', '-o', 'mode=0700', 'conformance-root', '/root']);
  const ovl = join(scratch, 'overlay');
  mkdirSync(ovl, { recursive: true });
  sh('mount', ['-t', 'tmpfs', 'conformance-etc', ovl]);
  mkdirSync(join(ovl, 'upper'));
  mkdirSync(join(ovl, 'work'));
  sh('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=/etc,upperdir=${ovl}/upper,workdir=${ovl}/work`, '/etc']);
  if (existsSync('/etc/claude-code')) throw new Error(`${who}: /etc/claude-code exists under the overlay before the layout (the host has one?)`);
  if (etcClaudeCode !== undefined) cpSync(etcClaudeCode, '/etc/claude-code', { recursive: true });
  return interfaces;
}
