/**
 * One attempt of a write: read the file, plan the edit on it, check it, and commit it, giving up
 * (a `RetryError`) when the file changed under the attempt so that the retry loop plans again.
 */
import { closeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { planEdit, type EditOp, type EditPlan } from '../../core/edit';
import { ConfigError } from '../../core/errors';
import type { Gathered } from '../../core/gather';
import type { ResolveContext } from '../../core/resolve';
import type { Diagnostic } from '../../core/types';
import { writeEffectWarnings } from '../../core/write-warnings';
import { pruneBackups, takeBackup } from '../backup';
import { checkReplacedFile } from './carry-over';
import { commit } from './commit';
import { RetryError } from './errors';
import { holdsCredential, isReadOnly, modeDiagnostics, planMode, readOnlyError } from './mode';
import { changedSince, openSnapshot, readTarget } from './read';
import type { WriteSettingsOptions, WriteSettingsResult } from './types';
import { diagnostic } from '../../core/catalogue';

/** How long to wait before trusting that an existing empty or broken file really is so. */
const EMPTY_FILE_WAIT_MS = 50;

/** What every attempt of one write shares. */
export interface WriteJob {
  options: WriteSettingsOptions;
  /** The settings file as the scope names it. */
  path: string;
  /** Where it really is (symbolic links followed). */
  target: string;
  /** How messages name it. */
  label: string;
  /** Found before the first attempt (the git guard, shadowing). */
  diagnostics: Diagnostic[];
  /** True when the edits write a credential. */
  writesCredential: boolean;
  /** Every source as read before the write, and the session it is judged for. */
  gathered: Gathered;
  context: ResolveContext;
}

/**
 * Plans `job`'s edits on the file as it is now, after `rescue` (another program's changes to carry
 * over), and commits them unless this is a dry run. Calls `wrote` once the file is replaced.
 */
export async function attempt(job: WriteJob, rescue: EditOp[], wrote: () => void): Promise<WriteSettingsResult> {
  const { options, path, target, label } = job;
  const dryRun = options.dryRun === true;
  const snapshot = openSnapshot(target, label);
  try {
    const before = snapshot.bytes;
    // An existing empty file is not JSON (Claude Code ignores it), and it is most often another
    // program saving in place (emptied, then written): wait a moment, and never take it for a new file.
    if (before !== undefined && before.length === 0) {
      await sleep(EMPTY_FILE_WAIT_MS);
      const again = readTarget(target, label);
      if (again === undefined || again.length > 0) throw new RetryError();
      throw new ConfigError(
        'INVALID_JSON',
        `${path} is empty, which is not JSON (Claude Code ignores it); put {} in it or delete it, then write again. Nothing was written`,
      );
    }
    const previousText = before?.toString('utf8');
    // Another program's changes that an earlier attempt replaced go back in first; ours on top.
    let base: string | undefined;
    let plan: EditPlan;
    try {
      base = rescue.length > 0 && previousText !== undefined ? planEdit(previousText, rescue, { path }).text : previousText;
      plan = planEdit(base, options.ops, { path, convertJsonc: options.convertJsonc === true });
    } catch (error) {
      // Broken JSON may be another program's in-place save caught half done: look again in a moment,
      // and refuse only a file that stays broken.
      if (!(error instanceof ConfigError) || error.code !== 'INVALID_JSON') throw error;
      await sleep(EMPTY_FILE_WAIT_MS);
      if (changedSince(target, before, label)) throw new RetryError();
      throw error;
    }
    const result: WriteSettingsResult = {
      path,
      changes: plan.changes,
      diagnostics: [...job.diagnostics],
      text: plan.text,
      created: before === undefined,
      dryRun,
    };
    if (plan.converted) {
      result.diagnostics.push(diagnostic('write-jsonc-converted', { file: path, dryRun }, { path }));
    }
    if (previousText !== undefined) result.previousText = previousText;
    // What else keeps the written values from taking effect, judged on the configuration after the write.
    result.diagnostics.push(
      ...writeEffectWarnings({ gathered: job.gathered, context: job.context, scope: options.scope, path, text: plan.text, ops: options.ops }),
    );
    // A duplicated key on an edited path: the edit went to the copy Claude Code reads.
    for (const d of plan.diagnostics) result.diagnostics.push(Object.assign({}, d, { path }));
    if (plan.changes.length === 0 && !plan.converted && base === previousText) return result;
    if (snapshot.stat && isReadOnly(snapshot.stat) && options.allowReadOnly !== true) throw readOnlyError(label, snapshot.stat, 'allowReadOnly: true');
    if (dryRun) return result;
    // Another program changed the file since we read it: plan again from its new bytes.
    if (changedSince(target, before, label)) throw new RetryError();
    const modes = planMode(snapshot.stat, () => job.writesCredential || holdsCredential(plan.text));
    const { fd } = snapshot;
    const entry = await commit({
      target,
      label,
      data: plan.text,
      modes,
      backup: () => takeBackup(target, before, 'write', { ...options, ...(snapshot.stat ? { mode: snapshot.stat.mode } : {}) }),
      options,
      lastLook: () => {
        if (changedSince(target, before, label)) throw new RetryError();
      },
      onRenamed: wrote,
      // The file read stays open: another program's write into it after our last look is carried over.
      ...(before === undefined || fd === undefined ? {} : { afterRename: () => checkReplacedFile(fd, before, target, label) }),
    });
    result.backupId = entry.id;
    result.diagnostics.push(...modeDiagnostics(modes, path));
    await pruneBackups(target, options);
    return result;
  } finally {
    if (snapshot.fd !== undefined) closeSync(snapshot.fd);
  }
}
