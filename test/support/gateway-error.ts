import { GatewayError } from '@app/errors';

/** Awaits a promise that must reject with a GatewayError and returns that error, for assertions. */
export async function rejectionOf(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}
