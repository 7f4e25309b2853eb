import { chinaDate } from '@wuxing/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  NoticeView,
  ProblemDetailView,
  ProblemListQuery,
  ProblemListView,
  ProblemParams,
  ProblemStatsQuery,
  ProblemStatsView,
  ProblemWriteView,
  RaiseProblemBody,
  RectifyBody,
  ReviewBody,
  RoundParams,
  StartReviewBody,
} from '../contracts/supervision';
import { sendDownload } from '../http/download';
import {
  presentNotice,
  presentProblemDetail,
  presentProblemList,
  presentProblemStats,
  presentProblemWrite,
} from '../presenters/problem.presenter';
import { raiseProblem, rectifyProblem, reviewProblem, startReview } from '../services/problem.service';
import { noticeWorkbook, problemTable, statsTables } from '../services/problemExport';
import {
  exportProblems,
  getProblem,
  listProblems,
  problemStats,
  roundNotice,
} from '../services/problemRead.service';
import { renderTables } from '../workbook/writeWorkbook';
import type { RouteDeps } from './deps';

/** The ledger's filters with the download format (no paging: every matching row). */
const ProblemExportQuery = ProblemListQuery.omit({ page: true, pageSize: true }).extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

/** The problem ledger (问题台账), the rectification loop, statistics and notices (通报). */
export function problemRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['problems'];
    const detail = { 200: ProblemDetailView };
    const written = { 200: ProblemWriteView };

    app.get(
      '/api/problems',
      { schema: { tags, querystring: ProblemListQuery, response: { 200: ProblemListView } } },
      async (req) => presentProblemList(await deps.run.read(req, (ctx) => listProblems(ctx, req.query))),
    );

    app.get(
      '/api/problems/export',
      { schema: { tags, querystring: ProblemExportQuery } },
      async (req, reply) => {
        const { format, ...query } = req.query;
        const { items, starNames } = await deps.run.read(req, (ctx) => exportProblems(ctx, query));
        const name = `问题台账-${query.campaign ?? '全部'}-${chinaDate(new Date().toISOString())}.${format}`;
        return sendDownload(
          reply,
          await renderTables([problemTable(items, starNames)], format),
          name,
          format,
        );
      },
    );

    app.get(
      '/api/problems/stats',
      { schema: { tags, querystring: ProblemStatsQuery, response: { 200: ProblemStatsView } } },
      async (req) => presentProblemStats(await deps.run.read(req, (ctx) => problemStats(ctx, req.query))),
    );

    app.get(
      '/api/problems/stats/export',
      { schema: { tags, querystring: ProblemStatsQuery } },
      async (req, reply) => {
        const stats = await deps.run.read(req, (ctx) => problemStats(ctx, req.query));
        const name = `问题整改统计-${stats.campaign.code}-${stats.level === 'street' ? '街道' : '村社区'}.xlsx`;
        return sendDownload(reply, await renderTables(statsTables(stats), 'xlsx'), name, 'xlsx');
      },
    );

    app.get('/api/problems/:id', { schema: { tags, params: ProblemParams, response: detail } }, async (req) =>
      presentProblemDetail(await deps.run.read(req, (ctx) => getProblem(ctx, req.params.id))),
    );

    app.post('/api/problems', { schema: { tags, body: RaiseProblemBody, response: written } }, async (req) =>
      presentProblemWrite(await deps.run.write(req, (ctx) => raiseProblem(ctx, req.body))),
    );

    app.post(
      '/api/problems/:id/rectify',
      { schema: { tags, params: ProblemParams, body: RectifyBody, response: written } },
      async (req) =>
        presentProblemWrite(await deps.run.write(req, (ctx) => rectifyProblem(ctx, req.params.id, req.body))),
    );

    app.post(
      '/api/problems/:id/start-review',
      { schema: { tags, params: ProblemParams, body: StartReviewBody, response: written } },
      async (req) =>
        presentProblemWrite(await deps.run.write(req, (ctx) => startReview(ctx, req.params.id, req.body))),
    );

    app.post(
      '/api/problems/:id/review',
      { schema: { tags, params: ProblemParams, body: ReviewBody, response: written } },
      async (req) =>
        presentProblemWrite(await deps.run.write(req, (ctx) => reviewProblem(ctx, req.params.id, req.body))),
    );

    app.get(
      '/api/rounds/:id/notice',
      { schema: { tags, params: RoundParams, response: { 200: NoticeView } } },
      async (req) => {
        const generatedAt = new Date().toISOString();
        return presentNotice(await deps.run.read(req, (ctx) => roundNotice(ctx, req.params.id)), generatedAt);
      },
    );

    app.get(
      '/api/rounds/:id/notice/export',
      { schema: { tags, params: RoundParams } },
      async (req, reply) => {
        const generatedAt = new Date().toISOString();
        const notice = await deps.run.read(req, (ctx) => roundNotice(ctx, req.params.id));
        const name = `通报-${notice.summary.round.number}.xlsx`;
        return sendDownload(reply, await noticeWorkbook(notice, generatedAt), name, 'xlsx');
      },
    );
  };
}
