import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiError } from '../contracts/common';
import { AppError } from '../lib/errors';
import { own } from '../lib/own';

const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  code: '编码',
  name: '名称',
  type: '类型',
  parentCode: '上级编码',
  weight: '权重',
  contestGroupCode: '赛组编码',
  displayName: '姓名',
  role: '角色',
  scopeUnitCode: '所属单位',
  assignedUnitCodes: '督导单位',
  disabled: '停用',
  limit: '条数',
  format: '格式',
  kind: '类型',
  methods: '检查方式',
  title: '标题',
  topic: '主题',
  heldOn: '日期',
  place: '地点',
  partners: '参与单位',
  summary: '简介',
  counts: '数量',
  reason: '原因',
};

/** Maps every error to the API's error shape with a Chinese message; unexpected errors are logged and hidden. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      const body: ApiError = {
        error: {
          code: error.code,
          message: error.message,
          ...(error.field ? { field: error.field } : {}),
          ...(error.details ? { details: error.details } : {}),
        },
      };
      return reply.status(error.status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const field = first?.instancePath.split('/').filter(Boolean)[0] ?? undefined;
      const label = field ? (own(FIELD_LABELS, field) ?? field) : '请求';
      const message = first?.message ?? '格式不正确';
      const text = /[\u4e00-\u9fa5]/.test(message) ? message : '格式不正确';
      const body: ApiError = {
        error: {
          code: 'VALIDATION',
          message: text.startsWith(label) ? text : `${label}：${text}`,
          ...(field ? { field } : {}),
        },
      };
      return reply.status(400).send(body);
    }
    const fe = error as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413)
      return reply.status(413).send({ error: { code: 'TOO_LARGE', message: '请求内容过大' } });
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415)
      return reply
        .status(415)
        .send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' } });
    if (
      fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      (fe.statusCode === 400 && fe.code?.startsWith('FST_'))
    )
      return reply.status(400).send({ error: { code: 'BAD_REQUEST', message: '请求格式不正确' } });
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
      return reply
        .status(fe.statusCode)
        .send({ error: { code: fe.code ?? 'BAD_REQUEST', message: '请求无效' } });
    if (isUniqueViolation(error)) {
      // A constraint caught a race the writers' lock should have prevented: the transaction rolled back.
      request.log.warn({ err: error }, 'unique constraint refused a write');
      return reply
        .status(409)
        .send({ error: { code: 'CONFLICT', message: '数据已被同时修改，请刷新后重试' } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后再试' } });
  });
}

/** A unique or primary-key violation from PostgreSQL (23505) or SQLite. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
