import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type ProblemDetails } from '../common/problem-details';

// What the API says for each status (the messages of the guards, services and ProblemDetailsFilter).
const DETAILS: Readonly<Record<number, string>> = {
  401: 'the API key is unknown or revoked',
  403: 'this request needs an API key with the admin scope',
  404: 'unknown lab: not-a-lab',
  406: 'this resource is available as application/json or text/csv',
  409: 'source 6f1c3c1e-8d6f-4a57-9a3e-2f4b1f6f1c3c is disabled; enable it (PATCH {"enabled": true}) before polling it',
  413: 'request entity too large',
  415: 'the request body must be application/json, not text/plain',
  429: 'rate limit of 600 requests per minute exceeded for this key; retry in 42 s',
};

/** A problem body as the API would send it for `status` on `path`: each status its own, not the 400's. */
export function problemExample(status: number, path: string): ProblemDetails {
  const base = {
    type: PROBLEM_TYPES[status] ?? 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    instance: path,
  };
  if (status === 400) {
    const errors = [{ parameter: 'interval', message: 'interval must be one of 5m, hour, day, week' }];
    return {
      ...base,
      title: 'Invalid request parameters',
      detail: errors.map((e) => `${e.parameter}: ${e.message}`).join('; '),
      errors,
    };
  }
  return { ...base, detail: DETAILS[status] ?? (STATUS_CODES[status] ?? 'error').toLowerCase() };
}

/** An error response's content: problem+json (what ProblemDetailsFilter sends, whatever was asked for) with its own example. */
export function problemContent(status: number, path: string) {
  return {
    [PROBLEM_CONTENT_TYPE]: {
      schema: { $ref: '#/components/schemas/ProblemDto' },
      example: problemExample(status, path),
    },
  };
}
