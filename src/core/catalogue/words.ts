/** Phrases the catalogue's messages share, so that one thing is always said the same way. */

/** Where a value came from, as a sentence names it: `the shell`, `--settings`, `user settings`, … */
export function whereSet(scope: string): string {
  return scope === 'shell' ? 'the shell' : scope === 'cli' ? '--settings' : `${scope} settings`;
}
