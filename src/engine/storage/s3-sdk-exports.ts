/**
 * The parts of the AWS SDK Dailies uses, gathered in one module of ours so that it is loaded
 * only through `loadS3Sdk()` (see s3-sdk.ts). Re-exported from an ES module of our own rather
 * than imported dynamically straight from the package: the SDK is CommonJS, and a bundle's
 * dynamic import of a CommonJS package gives only its `default`, not the named classes.
 */
export {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
