import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBucket, headBucket, listBuckets, listObjectsV2 } from './bucket-handlers';
import { completeMultipartUpload } from './complete-multipart-upload';
import { copyObject, uploadPartCopy } from './copy-handlers';
import type { DiskLayout } from './disk-layout';
import {
  abortMultipartUpload,
  createMultipartUpload,
  listMultipartUploads,
  listParts,
  uploadPart,
} from './multipart-handlers';
import { deleteObject, getObject, putObject } from './object-handlers';
import type { RequestContext } from './request-context';
import { S3Error } from './s3-error';
import { s3ErrorXml } from './s3-error-response';
import { s3Operation } from './s3-operation';
import type { StoreState } from './store-state';
import { isAnonymous, verifySigV4 } from './verify-sigv4';

export interface StoreRuntime {
  state: StoreState;
  layout: DiskLayout;
  region: string;
  now: () => Date;
  /** accessKeyId -> secretAccessKey */
  keys: ReadonlyMap<string, string>;
}

type Handler = (ctx: RequestContext) => void | Promise<void>;

const HANDLERS: Record<string, Handler> = {
  ListBuckets: listBuckets,
  CreateBucket: createBucket,
  HeadBucket: headBucket,
  ListObjectsV2: listObjectsV2,
  ListMultipartUploads: listMultipartUploads,
  PutObject: putObject,
  GetObject: (ctx) => getObject(ctx, false),
  HeadObject: (ctx) => getObject(ctx, true),
  DeleteObject: deleteObject,
  CopyObject: copyObject,
  CreateMultipartUpload: createMultipartUpload,
  UploadPart: uploadPart,
  UploadPartCopy: uploadPartCopy,
  ListParts: listParts,
  CompleteMultipartUpload: completeMultipartUpload,
  AbortMultipartUpload: abortMultipartUpload,
};

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new S3Error(400, 'InvalidURI', "Couldn't parse the specified URI.");
  }
}

/** Anonymous reads that canned public-read ACLs allow; everything else must be signed. */
function anonymousAllowed(ctx: RequestContext, operation: string): boolean {
  const bucket = ctx.state.buckets.get(ctx.bucket);
  if (operation === 'GetObject' || operation === 'HeadObject')
    return bucket?.objects.get(ctx.key)?.publicRead === true;
  if (operation === 'ListObjectsV2' || operation === 'HeadBucket')
    return bucket?.record.publicRead === true;
  return false;
}

/**
 * Reads and discards the rest of a body. Not `finished()`: an IncomingMessage emits 'close'
 * only after its response, so waiting for it here would never end.
 */
function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    req.once('end', resolve).once('error', resolve).once('close', resolve).resume();
  });
}

function sendError(ctx: RequestContext, error: S3Error, resource: string): void {
  const { res } = ctx;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (ctx.req.method === 'HEAD') {
    // HEAD answers carry no body, so S3 sends the status alone.
    res.writeHead(error.status, { ...error.headers });
    res.end();
    return;
  }
  const body = s3ErrorXml(
    error.code,
    error.message,
    ctx.requestId,
    { Resource: resource, ...error.details },
    'dailies-local-s3-store',
  );
  res.writeHead(error.status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    ...error.headers,
  });
  res.end(body);
}

/** One request: authenticate, name the operation, run its handler, answer errors as S3. */
export async function handleRequest(
  runtime: StoreRuntime,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = crypto.randomBytes(8).toString('hex').toUpperCase();
  res.setHeader('x-amz-request-id', requestId);
  res.setHeader('x-amz-id-2', crypto.randomBytes(24).toString('base64'));
  res.setHeader('server', 'DailiesLocalS3');
  const rawUrl = req.url ?? '/';
  const url = new URL(rawUrl, 'http://127.0.0.1');
  const rawPath = url.pathname.replace(/^\//, '');
  const slash = rawPath.indexOf('/');
  const ctx: RequestContext = {
    req,
    res,
    state: runtime.state,
    layout: runtime.layout,
    bucket: '',
    key: '',
    query: url.searchParams,
    region: runtime.region,
    now: runtime.now,
    requestId,
  };
  let resource = '/';
  try {
    ctx.bucket = decode(slash === -1 ? rawPath : rawPath.slice(0, slash));
    ctx.key = slash === -1 ? '' : decode(rawPath.slice(slash + 1));
    resource = `/${ctx.bucket}${ctx.key === '' ? '' : `/${ctx.key}`}`;
    const operation = s3Operation(req.method ?? 'GET', url.pathname, url.searchParams, req.headers);
    const signed = { method: req.method ?? 'GET', url: rawUrl, headers: req.headers };
    if (!isAnonymous(signed) || !anonymousAllowed(ctx, operation))
      verifySigV4(signed, runtime.keys, runtime.region, runtime.now());
    const handler = HANDLERS[operation];
    if (!handler) {
      if (operation === 'Unknown')
        throw new S3Error(
          405,
          'MethodNotAllowed',
          'The specified method is not allowed against this resource.',
          { Method: req.method ?? '', ResourceType: ctx.key === '' ? 'BUCKET' : 'OBJECT' },
        );
      throw new S3Error(
        501,
        'NotImplemented',
        `${operation} is not implemented by the local S3 store.`,
      );
    }
    await handler(ctx);
  } catch (error) {
    const s3Error =
      error instanceof S3Error
        ? error
        : new S3Error(
            500,
            'InternalError',
            `We encountered an internal error: ${error instanceof Error ? error.message : String(error)}`,
          );
    // The client cut the connection (mid-body): nobody to answer. Not `req.destroyed`, which
    // is also true once a body was read to its end.
    if (req.socket.destroyed || res.destroyed) return;
    // A refusal before the body was read (412, NoSuchUpload...) waits for the body to arrive
    // and discards it: clients and proxies that answer only after sending it all would
    // otherwise wait forever, and the kept-alive connection stays usable.
    if (!req.complete) await drain(req);
    if (req.socket.destroyed || res.destroyed) return;
    sendError(ctx, s3Error, resource);
  }
}
