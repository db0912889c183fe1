/** A JSON number as the lossless parser returns it: a safe integer as `number`, anything else as its exact text. */
export type WireNumber = number | string;
