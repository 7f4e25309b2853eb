import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ActivityExportQuery,
  ActivityIdParams,
  ActivityListQuery,
  ActivityListView,
  ActivityView,
  CreateActivityBody,
  DeleteActivityBody,
  UpdateActivityBody,
} from '../contracts/activities';
import { Ok } from '../contracts/common';
import { sendDownload } from '../http/download';
import { presentActivity, presentActivityList } from '../presenters/activity.presenter';
import {
  activityTables,
  createActivity,
  deleteActivity,
  listActivities,
  updateActivity,
} from '../services/activity.service';
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
