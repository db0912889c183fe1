/** A 2xx body that does not have the shape the client relies on. */
export class ShapeError extends Error {
  constructor(what: string) {
    super(`unexpected response shape: ${what}`);
    this.name = 'ShapeError';
  }
}
