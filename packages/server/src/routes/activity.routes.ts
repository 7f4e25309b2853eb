import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ActivityExportQuery,
  ActivityIdParams,
  ActivityImportResultView,
  ActivityListQuery,
  ActivityListView,
  ActivityView,
  CreateActivityBody,
  DeleteActivityBody,
  UpdateActivityBody,
} from '../contracts/activities';
import { Ok } from '../contracts/common';
import { sendDownload } from '../http/download';
import { invalid } from '../lib/errors';
import { authorize } from '../policies/policy';
import { presentActivity, presentActivityList } from '../presenters/activity.presenter';
import {
  activityTables,
  createActivity,
  deleteActivity,
  listActivities,
  updateActivity,
} from '../services/activity.service';
import { activityTemplate, importActivities } from '../services/activityImport.service';
import { readWorkbook } from '../workbook/readWorkbook';
import { renderTables } from '../workbook/writeWorkbook';
import type { RouteDeps } from './deps';

/** Outreach activities (宣传活动) with their counts, and the statistics summed from them. */
export function activityRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['activities'];
    app.get(
      '/api/activities',
      { schema: { tags, querystring: ActivityListQuery, response: { 200: ActivityListView } } },
      async (req) => presentActivityList(await deps.run.read(req, (ctx) => listActivities(ctx, req.query))),
    );
    app.get(
      '/api/activities/export',
      { schema: { tags, querystring: ActivityExportQuery } },
      async (req, reply) => {
        const { format, ...query } = req.query;
        const list = await deps.run.read(req, (ctx) => listActivities(ctx, query));
        const name = `宣传活动-${list.period.key}.${format}`;
        return sendDownload(reply, await renderTables(activityTables(list), format), name, format);
      },
    );
    app.get('/api/activities/template', { schema: { tags } }, async (req, reply) => {
      const tables = await deps.run.read(req, (ctx) => activityTemplate(ctx));
      return sendDownload(reply, await renderTables(tables, 'xlsx'), '宣传活动导入模板.xlsx', 'xlsx');
    });
    app.post(
      '/api/activities/import',
      { schema: { tags, response: { 200: ActivityImportResultView } } },
      async (req) => {
        // Checked before the upload is read, so nobody else can make the server parse a workbook.
        authorize(req.actor, { do: 'activity.list' });
        const file = await req.file().catch(() => undefined);
        if (!file) throw invalid('请选择要导入的文件', 'file');
        const buffer = await file.toBuffer().catch(() => {
          throw invalid('文件过大，不能超过50MB', 'file');
        });
        const workbook = await readWorkbook(buffer, file.filename, 'activities');
        return deps.run.write(req, (ctx) => importActivities(ctx, workbook.activities));
      },
    );
    app.post(
      '/api/activities',
      { schema: { tags, body: CreateActivityBody, response: { 200: ActivityView } } },
      async (req) => presentActivity(await deps.run.write(req, (ctx) => createActivity(ctx, req.body))),
    );
    app.put(
      '/api/activities/:id',
      {
        schema: { tags, params: ActivityIdParams, body: UpdateActivityBody, response: { 200: ActivityView } },
      },
      async (req) =>
        presentActivity(await deps.run.write(req, (ctx) => updateActivity(ctx, req.params.id, req.body))),
    );
    app.post(
      '/api/activities/:id/delete',
      { schema: { tags, params: ActivityIdParams, body: DeleteActivityBody, response: { 200: Ok } } },
      async (req) => {
        await deps.run.write(req, (ctx) => deleteActivity(ctx, req.params.id, req.body));
        return { ok: true as const };
      },
    );
  };
}
