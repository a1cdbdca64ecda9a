import { ArtifactMeter } from './artifact-meter';

describe('ArtifactMeter', () => {
  it('keeps only the leading bytes it sniffs, not the chunk they came in', async () => {
    const meter = new ArtifactMeter();
    const chunk = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64 * 1024)]);
    meter.end(chunk);
    for await (const _ of meter); // drain
    expect(meter.size).toBe(chunk.length);
    expect(meter.contentType()).toBe('application/pdf');
    // A view into the 64 KiB chunk would keep it alive for the meter's lifetime.
    const head = (meter as unknown as { head: Buffer }).head;
    expect(head.length).toBe(8);
    expect(head.buffer.byteLength).toBeLessThan(chunk.length);
  });
});
