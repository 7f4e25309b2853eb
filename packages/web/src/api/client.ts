import { dictionary } from '../i18n/dictionaries';
import { format, type MessageParams, readStoredLang } from '../i18n/format';
import type { ApiErrorBody, ApiErrorDetail } from './types';

/** An error answered by the API (or a network failure), carrying the server's Chinese message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly details: ApiErrorDetail[];

  constructor(status: number, code: string, message: string, field?: string, details?: ApiErrorDetail[]) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details ?? [];
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Remembers the CSRF token from the session view; it is echoed on every state-changing request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers what to do when a request answers 401 (the app clears the session and shows the login page). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** Turns a status and a parsed body into an ApiError, falling back to a generic message. */
export function toApiError(status: number, body: unknown, fallback: string): ApiError {
  if (isErrorBody(body)) {
    const { code, message, field, details } = body.error;
    return new ApiError(status, code, message, field, details);
  }
  return new ApiError(status, `HTTP_${status}`, fallback);
}

/** A message in the language the user chose, for errors the server did not describe itself. */
function message(key: 'error.network' | 'error.server', params?: MessageParams): string {
  return format(dictionary(readStoredLang())[key], params);
}

export interface RequestOptions {
  /** When false, a 401 is thrown to the caller instead of sending the user to the login page. */
  redirectOn401?: boolean;
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function request<T>(method: Method, path: string, body: unknown, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', message('error.network'));
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && options.redirectOn401 !== false) onUnauthorized?.();
    const fallback = message('error.server', { status: response.status });
    throw toApiError(response.status, parsed, fallback);
  }
  return parsed as T;
}

/** Builds a query string from defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Typed JSON API calls. Cookies go with every call; the CSRF header with every non-GET call. */
export const api = {
  get: <T>(path: string, options: RequestOptions = {}) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options: RequestOptions = {}) =>
    request<T>('POST', path, body ?? {}, options),
  patch: <T>(path: string, body: unknown, options: RequestOptions = {}) =>
    request<T>('PATCH', path, body, options),
  put: <T>(path: string, body: unknown, options: RequestOptions = {}) =>
    request<T>('PUT', path, body, options),
  delete: <T>(path: string, options: RequestOptions = {}) => request<T>('DELETE', path, undefined, options),
};

/**
 * Uploads one file as multipart field `file`, reporting progress (0–100). XMLHttpRequest is used
 * because fetch cannot report upload progress.
 */
export function uploadFile<T>(
  path: string,
  file: File,
  onProgress: (percent: number) => void,
  fields?: Record<string, string>,
): Promise<T> {
  return uploadFiles<T>(path, [file], onProgress, fields);
}

/**
 * Uploads several files in one multipart request (each as field `file`), e.g. a campaign's CSV set,
 * reporting progress (0–100). Text `fields` go before the files (the server reads them first).
 */
export function uploadFiles<T>(
  path: string,
  files: readonly File[],
  onProgress: (percent: number) => void,
  fields?: Record<string, string>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', message('error.network')));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(parsed as T);
        return;
      }
      if (xhr.status === 401) onUnauthorized?.();
      const fallback = message('error.server', { status: xhr.status });
      reject(toApiError(xhr.status, parsed, fallback));
    };
    const form = new FormData();
    for (const [name, value] of Object.entries(fields ?? {})) form.append(name, value);
    for (const file of files) form.append('file', file, file.name);
    xhr.send(form);
  });
}
