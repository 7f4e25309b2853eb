/**
 * Request URLs as they may be logged: the secrets some paths carry are replaced by `***` — a judge's
 * one-time login link `/j/<token>` and the big screen's `/screen/<token>` and `/api/screens/<token>…`.
 */
const SECRET_SEGMENTS = [/^(\/j\/)[^/?#]+/, /^(\/screen\/)[^/?#]+/, /^(\/api\/screens\/)[^/?#]+/];

export function redactUrl(url: string): string {
  for (const pattern of SECRET_SEGMENTS) if (pattern.test(url)) return url.replace(pattern, '$1***');
  return url;
}
