/**
 * `claude-gateway-config/testing`: test Claude Code configuration layouts in memory.
 * @module
 */
export { createMemoryFs } from './testkit/memory-fs';
export type { MemoryEntry, MemoryFs } from './testkit/memory-fs';
export { layout } from './testkit/layout';
export type { Layout, LayoutSpec, SettingsContent } from './testkit/layout';
