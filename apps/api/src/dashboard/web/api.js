// @ts-check
/**
 * The REST client: same origin, `Authorization: Bearer <key>`, JSON in, and every failure turned
 * into an ApiError whose `kind` says what the user can do about it.
 */

/** @typedef {'unauthorized' | 'forbidden' | 'not_found' | 'rate_limited' | 'invalid' | 'unavailable' | 'unreachable'} ErrorKind */

export class ApiError extends Error {
  /**
   * @param {ErrorKind} kind
   * @param {string} message for people
   * @param {number | null} status null when no answer came
   * @param {string} path
   */
  constructor(kind, message, status, path) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.path = path;
  }
}

/** @param {number} status @returns {ErrorKind} */
function kindOf(status) {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 400 && status < 500) return 'invalid';
  return 'unavailable';
}

/**
 * @param {() => string | null} getKey
 */
export function createApi(getKey) {
  /**
   * GET a JSON resource; undefined and empty parameters are left out.
   * @template T
   * @param {string} path
   * @param {Record<string, string | number | undefined>} [params]
   * @returns {Promise<T>}
   */
  async function get(path, params = {}) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params))
      if (value !== undefined && value !== '') query.set(name, String(value));
    const url = query.size > 0 ? `${path}?${query}` : path;
    /** @type {Response} */
    let res;
    try {
      const key = getKey();
      res = await fetch(url, {
        headers: { accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      });
    } catch {
      throw new ApiError(
        'unreachable',
        'The LabPulse API cannot be reached: it may be down or restarting, or this device is offline.',
        null,
        path,
      );
    }
    if (res.ok) return /** @type {T} */ (await res.json());
    throw new ApiError(kindOf(res.status), await problemDetail(res), res.status, path);
  }
  return { get };
}

/**
 * The `detail` of an RFC 9457 problem (with the parameters a 400 names), or the status line.
 * @param {Response} res
 */
async function problemDetail(res) {
  const retry = res.headers.get('retry-after');
  try {
    const problem = await res.json();
    const params = Array.isArray(problem.errors)
      ? problem.errors.map((/** @type {{ message: string }} */ e) => e.message).join('; ')
      : '';
    const detail = params || problem.detail || problem.title || `HTTP ${res.status}`;
    return retry ? `${detail} (retry in ${retry} s)` : String(detail);
  } catch {
    return `HTTP ${res.status} ${res.statusText}`.trim();
  }
}
