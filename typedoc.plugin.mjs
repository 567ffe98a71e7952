// @ts-check
// TypeDoc plugin (typedoc.json): the API reference names each module by the import path users type
// (claude-gateway-config/resolve) instead of its source file name (resolve-entry).
import { Converter, ReflectionKind } from 'typedoc';

/** Source module name -> package import path (package.json "exports"). */
const IMPORT_PATHS = {
  index: 'claude-gateway-config',
  'resolve-entry': 'claude-gateway-config/resolve',
  testing: 'claude-gateway-config/testing',
  conformance: 'claude-gateway-config/conformance',
};

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getChildrenByKind(ReflectionKind.Module)) {
      const name = /** @type {Record<string, string>} */ (IMPORT_PATHS)[module.name];
      if (name !== undefined) module.name = name;
    }
  });
}
