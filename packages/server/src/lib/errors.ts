/** One problem in an imported file, located by sheet, row and column. */
export interface ImportIssue {
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
}

/** An error a user can act on: it carries the HTTP status, a stable code and a Chinese message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: ImportIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** 400: the input is wrong; `field` names it. */
export function invalid(message: string, field?: string, details?: ImportIssue[]): AppError {
  return new AppError(400, 'VALIDATION', message, field, details);
}

/** 401: no valid session. */
export function unauthenticated(message = '请先登录'): AppError {
  return new AppError(401, 'UNAUTHENTICATED', message);
}

/** 403: the actor may not do this. */
export function forbidden(message = '没有权限执行此操作'): AppError {
  return new AppError(403, 'FORBIDDEN', message);
}

/** 404: nothing there, or nothing the actor may see (never says which). */
export function notFound(message = '记录不存在'): AppError {
  return new AppError(404, 'NOT_FOUND', message);
}

/** 409: the request conflicts with what is stored (a duplicate code, a stale edit). */
export function conflict(message: string, field?: string): AppError {
  return new AppError(409, 'CONFLICT', message, field);
}

/** 429: too many attempts. */
export function tooMany(message: string): AppError {
  return new AppError(429, 'TOO_MANY_REQUESTS', message);
}
