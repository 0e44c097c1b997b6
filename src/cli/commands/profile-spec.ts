import type { CommandSpec } from '../command';

/** What help says about `dailies profile`; loaded without the command (and the engine). */
export const profileSpec: CommandSpec = {
  name: 'profile',
  summary: 'Upload profiles: add, list, use, test, remove, set-secret.',
  usage: 'add|list|use|test|remove|set-secret [arguments]',
  details: [
    '  add <name> --api-url URL --bucket B [--region R] [--endpoint URL] [--path-style]',
    '      [--key-prefix P] [--cdn HOST]      create a profile (the first becomes active)',
    '  list                                  every profile; secrets as set/not set only',
    '  use <profile>                         make a profile the active one',
    '  test [profile]                        check platform, token, bucket, clock, sign-in',
    '  remove <profile>                      remove a profile and its keychain secrets',
    '  set-secret <profile> <kind>           store internal-token, s3-access-key-id or',
    '                                        s3-secret-access-key in the keychain, typed at',
    '                                        a prompt that shows nothing, or from stdin',
    '',
    'A profile is named by id or name. Secrets are never read from the command line.',
    '',
    'Examples:',
    '  dailies profile add production --api-url https://api.example.com/api --bucket media-prod --region ap-northeast-2',
    '  pass show dailies/token | dailies profile set-secret production internal-token',
    '  dailies profile test production',
  ].join('\n'),
  options: {
    'api-url': { type: 'string', valueName: 'URL', description: 'The platform API base URL.' },
    bucket: { type: 'string', valueName: 'B', description: 'The S3 bucket.' },
    region: { type: 'string', valueName: 'R', description: 'The S3 region (us-east-1).' },
    endpoint: { type: 'string', valueName: 'URL', description: 'An S3-compatible endpoint.' },
    'path-style': { type: 'boolean', description: 'Path-style S3 addressing.' },
    'key-prefix': { type: 'string', valueName: 'P', description: 'A prefix for every key.' },
    cdn: { type: 'string', valueName: 'HOST', description: 'The CDN host name.' },
  },
};
