import type { ChecksumAlgorithm } from './s3-checksums';

/** A checksum as S3 reports it: base64 value (`...-N` when composite) and its type. */
export interface StoredChecksum {
  algorithm: ChecksumAlgorithm;
  value: string;
  type: 'FULL_OBJECT' | 'COMPOSITE';
}

/** One file of an object's bytes, in order: one for a PUT, one per part after a multipart. */
export interface DataSegment {
  file: string;
  size: number;
}

/** The headers S3 keeps with an object (besides x-amz-meta-*) and returns on GET/HEAD. */
export interface ObjectHeaders {
  contentType?: string;
  contentDisposition?: string;
  contentEncoding?: string;
  contentLanguage?: string;
  cacheControl?: string;
  expires?: string;
}

/** An object's JSON sidecar (`objects/<sha256 of key>.json`). */
export interface ObjectRecord extends ObjectHeaders {
  key: string;
  size: number;
  /** With its quotes, as S3 sends it. */
  etag: string;
  lastModified: string;
  metadata: Record<string, string>;
  checksum?: StoredChecksum;
  /** Number of parts when the object came from CompleteMultipartUpload. */
  partsCount?: number;
  /** Canned ACL public-read (x-amz-acl): anonymous GetObject/HeadObject allowed. */
  publicRead?: boolean;
  segments: DataSegment[];
}

/** An in-progress multipart upload (`uploads/<uploadId>/upload.json`). */
export interface UploadRecord extends ObjectHeaders {
  uploadId: string;
  key: string;
  initiated: string;
  metadata: Record<string, string>;
  checksumAlgorithm?: ChecksumAlgorithm;
  publicRead?: boolean;
}

/** One uploaded part (`uploads/<uploadId>/part-<n>.json`); its bytes are `file` beside it. */
export interface PartRecord {
  partNumber: number;
  size: number;
  etag: string;
  /** The md5 of the part, hex, for the multipart ETag. */
  md5: string;
  lastModified: string;
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
  file: string;
}

export interface BucketRecord {
  name: string;
  created: string;
  /** Canned ACL public-read: anonymous ListObjectsV2/HeadBucket allowed. */
  publicRead?: boolean;
}
