/**
 * Request URLs as they may be logged: the secrets some paths carry are replaced by `***` — a judge's
 * one-time login link `/j/<token>`, the contest screen's `/screen/<token>` and `/api/screens/<token>…`, and the
 * district big screen's `/bigscreen/<token>` and `/api/bigscreen/<token>…`.
 */
const SECRET_SEGMENTS = [
  /^(\/j\/)[^/?#]+/,
  /^(\/screen\/)[^/?#]+/,
  /^(\/api\/screens\/)[^/?#]+/,
  /^(\/bigscreen\/)[^/?#]+/,
  /^(\/api\/bigscreen\/)[^/?#]+/,
];

/** The URL with any secret path segment replaced by `***`. */
export function redactUrl(url: string): string {
  for (const pattern of SECRET_SEGMENTS) if (pattern.test(url)) return url.replace(pattern, '$1***');
  return url;
}
