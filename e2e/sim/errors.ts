// The one error type of the simulator: an HTTP status and a message the control API returns as
// `{error}`, so a test that asks for something impossible learns why.
export class SimError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
