/** RFC 9457 problem details, the body of every error response. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** For 400s: each offending parameter and the rule it broke. */
  errors?: Array<{ parameter: string; message: string }>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The `type` of each status's problems; other statuses are `about:blank`. */
export const PROBLEM_TYPES: Readonly<Record<number, string>> = {
  400: '/problems/invalid-request',
  401: '/problems/unauthorized',
  403: '/problems/forbidden',
  404: '/problems/not-found',
  406: '/problems/not-acceptable',
  413: '/problems/payload-too-large',
  415: '/problems/unsupported-media-type',
  429: '/problems/rate-limited',
};
