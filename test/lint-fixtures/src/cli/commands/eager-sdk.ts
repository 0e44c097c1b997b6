// The CLI is held to the same rule as the engine.
import { S3Client } from '@aws-sdk/client-s3'; // lazy-load reported

export const client = S3Client;
