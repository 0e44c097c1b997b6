import { dailiesError } from '../../shared/contract';

export interface AwsProfileCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/**
 * Resolves a named profile from the AWS shared files exactly as the AWS SDK and CLI do
 * (static keys, source_profile and role_arn, credential_process, SSO), reading the file
 * locations from the given environment rather than from process.env, so that a test or a
 * host can point it anywhere. A profile that cannot be resolved is an error, never "not set":
 * someone asked for it by name.
 */
export async function resolveAwsProfile(
  profile: string,
  env: NodeJS.ProcessEnv,
): Promise<AwsProfileCredentials> {
  // Loaded here, when an AWS profile is asked for: most runs never read one.
  const { fromIni } = await import('./aws-ini-provider');
  const provider = fromIni({
    profile,
    ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
    ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
    // An editor fixing ~/.aws/credentials expects the next try to see the fix.
    ignoreCache: true,
  });
  try {
    const identity = await provider();
    return {
      accessKeyId: identity.accessKeyId,
      secretAccessKey: identity.secretAccessKey,
      ...(identity.sessionToken ? { sessionToken: identity.sessionToken } : {}),
      ...(identity.expiration ? { expiration: identity.expiration } : {}),
    };
  } catch (error) {
    throw dailiesError(
      'E_S3_AUTH',
      `AWS_PROFILE is "${profile}", but no S3 keys could be read for that profile from the AWS ` +
        'shared credentials and config files. Fix the profile, or unset AWS_PROFILE to use ' +
        'the keys stored in Dailies.',
      {
        details: {
          profile,
          // The SDK names the profile and the files, never key values.
          cause: error instanceof Error ? error.message : String(error),
        },
      },
    );
  }
}
