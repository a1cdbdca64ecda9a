/**
 * Captures everything the process writes to stdout and stderr, e.g. an app's pino logs.
 *
 * Start it BEFORE creating the app: pino writes through process.stdout.write only when that
 * method has been replaced when the logger is built (otherwise it writes to fd 1 directly).
 * Captured text is not forwarded, so trace-level logs do not flood the test output.
 */
export interface OutputCapture {
  text(): string;
  lines(): string[];
  stop(): void;
}

export function captureOutput(): OutputCapture {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
  }
  return {
    text: () => chunks.join(''),
    lines: () => chunks.join('').split('\n').filter(Boolean),
    stop: () => streams.forEach((stream, index) => (stream.write = originals[index]!)),
  };
}
