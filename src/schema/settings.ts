/**
 * A zod schema for a Claude Code settings file: the keys this library understands, with the shapes
 * Claude Code accepts (docs/behavior.md#settings-schema: where SchemaStore's schema is stricter than
 * the runtime, the runtime wins). Every other key passes through untouched: Claude Code has many more,
 * and a schema of ours must never reject or drop one.
 *
 * The resolver does not use it (src/core/schema.ts checks the same keys entry by entry, faster, with
 * a diagnostic for each); test/schemas.test.ts holds the two to the same verdicts.
 */
import { z } from 'zod';
import type { SettingsObject } from '../core/types';

const command = z.string().min(1);

/** A variable name as SchemaStore writes it; Claude Code itself takes any name. */
const variableValue = z
  .string()
  .meta({ description: 'The value, as text (Claude Code turns a number or boolean into text, with a warning from this library)' });

const shape = z
  .looseObject({
    env: z
      .record(z.string(), variableValue)
      .optional()
      .meta({ description: 'Variables for Claude Code and everything it starts; between files, each variable follows settings precedence' }),
    apiKeyHelper: command.optional().meta({ description: 'A shell command whose output is sent as the credential (docs/behavior.md#credential-headers)' }),
    awsAuthRefresh: command.optional().meta({ description: 'A command run when AWS credentials are expired or missing' }),
    awsCredentialExport: command.optional().meta({ description: 'A command that prints AWS credentials as JSON' }),
    gcpAuthRefresh: command.optional().meta({ description: 'A command run when GCP credentials are expired or missing' }),
    otelHeadersHelper: command.optional().meta({ description: 'A command that prints OpenTelemetry headers as JSON' }),
    model: z.string().optional().meta({ description: 'The model for new sessions: an id or an alias (sonnet, opus, haiku, ...)' }),
    fallbackModel: z.array(z.string()).max(3).optional().meta({ description: 'Models tried in order when the primary is unavailable (at most 3)' }),
    availableModels: z.array(z.string()).optional().meta({ description: 'The models people may choose; a managed list is used as it is' }),
    forceLoginMethod: z
      .enum(['claudeai', 'console', 'gateway'])
      .optional()
      .meta({ description: 'The only login allowed; in managed settings it blocks gateway credentials' }),
    forceLoginOrgUUID: z
      .union([z.string().min(1), z.array(z.string().min(1))])
      .optional()
      .meta({ description: 'The organization (or organizations) a login must belong to' }),
    forceLoginGatewayUrl: z.url().optional().meta({ description: 'The gateway URL the /login gateway screen uses (managed settings only)' }),
    wslInheritsWindowsSettings: z
      .boolean()
      .optional()
      .meta({ description: 'Under WSL, also read the Windows managed settings (Windows managed settings only)' }),
    parentSettingsBehavior: z
      .enum(['first-wins', 'merge'])
      .optional()
      .meta({ description: 'How an embedding host’s managed settings combine with the others (managed settings only)' }),
    policyHelper: z
      .looseObject({
        path: command.meta({ description: 'The absolute path of the program' }),
        timeoutMs: z.number().int().optional().meta({ description: 'How long to wait for it, in milliseconds' }),
        refreshIntervalMs: z
          .union([z.literal(0), z.number().int().min(60_000)])
          .optional()
          .meta({ description: 'How often to run it again in the background (0: never; else at least 60000)' }),
      })
      .optional()
      .meta({ description: 'A program that prints managed settings at startup (MDM or the managed file only)' }),
  })
  .meta({
    title: 'Claude Code settings (the keys claude-gateway-config reads)',
    description: 'A settings file of Claude Code: user, project, local, --settings or managed. Keys not listed are allowed and kept.',
  });

/**
 * The keys of a settings file this library reads, each optional; unknown keys pass through.
 * `settingsSchema.safeParse(value)` checks an object; `settingsJsonSchema` is the same as JSON Schema.
 */
export const settingsSchema: z.ZodType<SettingsObject> = shape;
