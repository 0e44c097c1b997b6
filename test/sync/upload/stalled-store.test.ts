import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir';
import { readNetworkConfig } from '../../../src/engine/network/network-config';
import { createS3RequestHandler } from '../../../src/engine/network/s3-request-handler';
import {
  jobFor,
  MiB,
  objectSha256,
  openTestCatalog,
  testUploader,
  useUploadRig,
  writeRandomFile,
} from './upload-kit';

const rig = useUploadRig({ seed: 23 });

describe('a store that goes silent mid-part', () => {
  it('cuts the stalled request after the idle timeout and sends the part again', async () => {
    const dir = tempDir('dailies-stalled-');
    const file = path.join(dir, 'reel.mp4');
    const size = 24 * MiB;
    const sha256 = writeRandomFile(file, size);
    const db = openTestCatalog(path.join(dir, 'data'));
    rig.open.push(db.catalog);
    // The product's handler, with its idle timeout shortened from a minute for the test.
    const requestHandler = await createS3RequestHandler(
      readNetworkConfig({}),
      { endpoint: rig.proxy.url, region: rig.s3.region },
      { connectionTimeout: 5_000, socketTimeout: 300 },
    );
    const client = rig.s3.createClient(rig.proxy.url, { requestHandler });
    // Part 2 is taken in and then nothing: no byte read, no answer, for far longer than the
    // test may run (a laptop that left the Wi-Fi, a dropped VPN).
    const stalled = rig.proxy.addRule({
      fault: { kind: 'delay', ms: 10 * 60_000 },
      when: (request) => request.operation === 'UploadPart' && request.partNumber === 2,
      times: 1,
    });
    const outcome = await testUploader(client, db.sessions, { minPartBytes: 8 * MiB }).upload(
      jobFor(file, 'videos/23_reel.mp4', sha256, db.addAsset(sha256, size), rig.s3.bucket),
    );
    expect(stalled.fired).toBe(1);
    expect(outcome.kind).toBe('uploaded');
    expect(rig.proxy.stats().byOperation.UploadPart).toBe(4); // 3 parts, the stalled one twice
    expect(await objectSha256(rig.direct, rig.s3.bucket, 'videos/23_reel.mp4')).toBe(sha256);
    client.destroy();
  });
});
