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
