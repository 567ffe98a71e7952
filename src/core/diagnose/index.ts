/**
 * `diagnose(config)`: the doctor. Every rule is pure and reads the resolved configuration (and, for
 * git and the helper's program, facts the Node side gathered). The resolver's own diagnostics
 * (ignored files, custom headers, forceLogin, shadowed managed sources, ...) come first.
 */
import type { Diagnostic, EffectiveConfig } from '../types';
import { sortDiagnostics } from '../diagnostics';
import type { DiagnoseOptions } from './facts';
import { shellRules } from './shell';
import { baseUrlRules } from './base-url';
import { credentialRules } from './credentials';
import { helperRules } from './helper';
import { informationRules } from './information';
import { providerRules } from './providers';
import { repoCredentialRules } from './repo-credentials';
import { variableRules } from './variables';

export type { DiagnoseFacts, DiagnoseOptions } from './facts';

/**
 * Every finding for a resolved configuration, errors first, each with a stable code and a fix (and
 * where possible a `fixEdit` the writers can apply). `facts` carries what only IO can learn; `doctor()`
 * gathers them.
 */
export function diagnose(config: EffectiveConfig, options: DiagnoseOptions = {}): Diagnostic[] {
  const facts = options.facts ?? {};
  const found: Diagnostic[] = [
    ...config.diagnostics,
    ...credentialRules(config),
    ...baseUrlRules(config),
    ...repoCredentialRules(config, facts),
    ...providerRules(config),
    ...variableRules(config),
    ...helperRules(config, facts),
    ...shellRules(config, facts),
    ...(options.information === false ? [] : informationRules(config)),
  ];
  return sortDiagnostics(found);
}
