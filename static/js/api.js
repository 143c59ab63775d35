// The JSON API client: same origin, the session cookie, the CSRF token on every change, and
// RFC 9457 problems turned into `ApiError`s that screens show next to the fields they name.

const BASE = '/api/v1';

let csrfToken = null;
let language = 'uk';

/** A problem the API answered with (or a network failure, `status` 0). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
  get code() { return this.problem.code; }
  /** The request field the problem is about (`field` in the problem), if any. */
  get field() { return this.problem.field; }
}

export function setCsrf(token) { csrfToken = token; }
export function setLanguage(lang) { language = lang; }

async function request(method, path, { json, body, type, query } = {}) {
  const headers = { 'Accept': 'application/json, application/problem+json', 'Accept-Language': language };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let payload = body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  } else if (body !== undefined && type) {
    headers['Content-Type'] = type;
  }
  let url = BASE + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') params.set(k, v);
    }
    const qs = params.toString();
    if (qs) url += (url.includes('?') ? '&' : '?') + qs;
  }
  let resp;
  try {
    resp = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  } catch (err) {
    throw new ApiError(0, { code: 'network', detail: String(err) });
  }
  const ctype = resp.headers.get('content-type') || '';
  if (!resp.ok) {
    let problem = null;
    if (ctype.includes('json')) problem = await resp.json().catch(() => null);
    throw new ApiError(resp.status, problem);
  }
  if (resp.status === 204) return null;
  if (ctype.includes('json')) return resp.json();
  return resp.text();
}

export const api = {
  get: (path, query) => request('GET', path, { query }),
  post: (path, json, query) => request('POST', path, { json, query }),
  put: (path, json) => request('PUT', path, { json }),
  patch: (path, json) => request('PATCH', path, { json }),
  del: (path, json) => request('DELETE', path, { json }),
  /** Sends a file as the raw request body (photos, logos, documents, CSV). */
  upload: (path, file, method = 'PUT', query) =>
    request(method, path, { body: file, type: file.type || 'application/octet-stream', query }),
  url: (path) => BASE + path,
};
