import { z } from 'zod';
import {
  dailiesError,
  settableSecretKindSchema,
  type DailiesApi,
  type Profile,
  type SecretStatus,
} from '../../shared/contract';
import { exitNameFor, type ExitName } from '../exit-codes';
import { actionPositionals } from '../action-positionals';
import { defineCommand, type CommandContext } from '../command';
import { resolveProfile } from '../profiles/resolve-profile';
import { UsageError } from '../usage-error';
import { profileSpec } from './profile-spec';

const actions = ['add', 'list', 'use', 'test', 'remove', 'set-secret'] as const;
type Action = (typeof actions)[number];

const optionalString = z.string().optional();

export const profileCommand = defineCommand({
  ...profileSpec,
  input: z.object({
    positionals: actionPositionals('profile', actions),
    values: z.object({
      'api-url': optionalString,
      bucket: optionalString,
      region: optionalString,
      endpoint: optionalString,
      'path-style': z.boolean().optional(),
      'key-prefix': optionalString,
      cdn: optionalString,
    }),
  }),
  async run({ positionals, values }, context) {
    const [action, ...args] = positionals as [Action, ...string[]];
    const api = await context.api();
    const arg = (index: number, what: string) => {
      const word = args[index];
      if (word === undefined)
        throw new UsageError(`"dailies profile ${action}" needs ${what}.`, 'profile');
      return word;
    };
    switch (action) {
      case 'add': {
        const profile = await api.invoke('profiles.create', {
          name: arg(0, 'a name'),
          apiBaseUrl: values['api-url'] ?? '',
          bucket: values.bucket ?? '',
          ...(values.region ? { region: values.region } : {}),
          ...(values.endpoint ? { s3Endpoint: values.endpoint } : {}),
          ...(values['path-style'] ? { forcePathStyle: true } : {}),
          ...(values['key-prefix'] ? { keyPrefix: values['key-prefix'] } : {}),
          ...(values.cdn ? { cdnDomain: values.cdn } : {}),
        });
        show(context, profile, `Added the profile "${profile.name}" (${profile.id}).`);
        return 'ok';
      }
      case 'list':
        return list(api, context);
      case 'use': {
        const profile = await resolveProfile(api, arg(0, 'a profile'));
        show(
          context,
          await api.invoke('profiles.activate', { id: profile.id }),
          `"${profile.name}" is now the active profile.`,
        );
        return 'ok';
      }
      case 'test':
        return test(api, context, args[0]);
      case 'remove': {
        const profile = await resolveProfile(api, arg(0, 'a profile'));
        const removed = await api.invoke('profiles.remove', { id: profile.id });
        if (context.json) context.out(JSON.stringify(removed));
        else
          context.out(
            `Removed "${profile.name}"${removed.removedSecrets.length ? ` and its secrets (${removed.removedSecrets.join(', ')})` : ''}.`,
          );
        return 'ok';
      }
      case 'set-secret': {
        const profile = await resolveProfile(api, arg(0, 'a profile'));
        const kind = settableSecretKindSchema.safeParse(arg(1, 'a kind of secret'));
        if (!kind.success) {
          throw new UsageError(
            `The kind is one of: ${settableSecretKindSchema.options.join(', ')}.`,
            'profile',
          );
        }
        const value = await context.readSecret(`${kind.data} for "${profile.name}" (not shown): `);
        if (value.trim() === '')
          throw dailiesError('E_VALIDATION', 'No value was given: nothing stored.');
        const stored = await api.invoke('profiles.setSecret', {
          profileId: profile.id,
          kind: kind.data,
          value,
        });
        if (context.json) context.out(JSON.stringify(stored));
        else
          context.out(
            `Stored ${kind.data} for "${profile.name}": ${describeSecret(stored.status)}.`,
          );
        return 'ok';
      }
    }
  },
});

function show(context: CommandContext, profile: Profile, line: string): void {
  context.out(context.json ? JSON.stringify(profile, null, 2) : line);
}

async function list(api: DailiesApi, context: CommandContext): Promise<ExitName> {
  const profiles = await api.invoke('profiles.list', {});
  if (context.json) {
    context.out(JSON.stringify(profiles, null, 2));
    return 'ok';
  }
  if (profiles.length === 0) context.out('No profiles yet: dailies profile add <name> ...');
  for (const profile of profiles) {
    context.out(`${profile.active ? '*' : ' '} ${profile.name} (${profile.id})`);
    context.out(
      `    ${profile.apiBaseUrl}  s3://${profile.bucket}/${profile.keyPrefix}  ${profile.region}${profile.s3Endpoint ? `  ${profile.s3Endpoint}` : ''}`,
    );
    for (const [kind, status] of Object.entries(profile.secrets)) {
      context.out(`    ${kind}: ${describeSecret(status)}`);
    }
  }
  return 'ok';
}

async function test(
  api: DailiesApi,
  context: CommandContext,
  word: string | undefined,
): Promise<ExitName> {
  const profile = await resolveProfile(api, word);
  const result = await api.invoke('profiles.testConnection', { profileId: profile.id });
  if (context.json) context.out(JSON.stringify(result, null, 2));
  else {
    context.out(`Testing "${profile.name}":`);
    for (const check of result.checks) {
      context.out(`  ${check.result.padEnd(4)}  ${check.label}: ${check.reason}`);
    }
  }
  if (result.ok) return 'ok';
  const failures = result.checks.filter((check) => check.result === 'fail');
  const names = new Set(failures.map((check) => (check.code ? exitNameFor(check.code) : 'failed')));
  const [only] = names;
  return names.size === 1 && only ? only : 'failed';
}

function describeSecret(status: SecretStatus): string {
  switch (status.state) {
    case 'set':
      return `set (${status.origin}, ${status.masked})`;
    case 'not-set':
      return 'not set';
    case 'unavailable':
      return `unavailable: ${status.reason}`;
  }
}
