/**
 * An S3 error a handler throws; the router turns it into S3's XML error document (or a bare
 * status for HEAD, which has no body), so handlers never write error responses themselves.
 */
export class S3Error extends Error {
  override readonly name = 'S3Error';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const noSuchBucket = (): S3Error =>
  new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');

export const noSuchKey = (): S3Error =>
  new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');

export const noSuchUpload = (): S3Error =>
  new S3Error(
    404,
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  );

export const preconditionFailed = (condition: string): S3Error =>
  new S3Error(
    412,
    'PreconditionFailed',
    'At least one of the pre-conditions you specified did not hold',
    {
      Condition: condition,
    },
  );

export const invalidArgument = (message: string, name?: string, value?: string): S3Error =>
  new S3Error(
    400,
    'InvalidArgument',
    message,
    name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? '' },
  );
