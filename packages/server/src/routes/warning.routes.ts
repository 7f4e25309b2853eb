import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CampaignCodeParams } from '../contracts/campaigns';
import {
  WarningDetailView,
  WarningEvaluateBody,
  WarningEvaluateResultView,
  WarningListQuery,
  WarningListView,
  WarningMeasureBody,
  WarningParams,
  WarningPreviewQuery,
  WarningPreviewView,
  WarningRulesBody,
  WarningRulesView,
  WarningTalkBody,
  WarningWriteResultView,
} from '../contracts/warnings';
import {
  presentEvaluateResult,
  presentWarningDetail,
  presentWarningList,
  presentWarningPreview,
  presentWarningRules,
  presentWarningWrite,
} from '../presenters/warning.presenter';
import {
  addMeasure,
  commitWarnings,
  getWarning,
  getWarningRules,
  listWarnings,
  previewWarnings,
  recordTalk,
  saveWarningRules,
} from '../services/warning.service';
import type { RouteDeps } from './deps';

/** 预警 warnings: thresholds, quarterly evaluation (preview and commit), the list, talks and help measures. */
export function warningRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['warnings'];
    const params = CampaignCodeParams;

    app.get(
      '/api/campaigns/:code/warning-rules',
      { schema: { tags, params, response: { 200: WarningRulesView } } },
      async (req) => {
        const r = await deps.run.read(req, (ctx) => getWarningRules(ctx, req.params.code));
        return presentWarningRules(r.campaign.code, r);
      },
    );

    app.put(
      '/api/campaigns/:code/warning-rules',
      { schema: { tags, params, body: WarningRulesBody, response: { 200: WarningRulesView } } },
      async (req) => {
        const r = await deps.run.write(req, (ctx) => saveWarningRules(ctx, req.params.code, req.body));
        return presentWarningRules(r.campaign.code, r);
      },
    );

    app.get(
      '/api/campaigns/:code/warnings',
      { schema: { tags, params, querystring: WarningListQuery, response: { 200: WarningListView } } },
      async (req) =>
        presentWarningList(await deps.run.read(req, (ctx) => listWarnings(ctx, req.params.code, req.query))),
    );

    app.get(
      '/api/campaigns/:code/warnings/preview',
      { schema: { tags, params, querystring: WarningPreviewQuery, response: { 200: WarningPreviewView } } },
      async (req) =>
        presentWarningPreview(
          await deps.run.read(req, (ctx) => previewWarnings(ctx, req.params.code, req.query)),
        ),
    );

    app.post(
      '/api/campaigns/:code/warnings/evaluate',
      { schema: { tags, params, body: WarningEvaluateBody, response: { 200: WarningEvaluateResultView } } },
      async (req) =>
        presentEvaluateResult(
          await deps.run.write(req, (ctx) => commitWarnings(ctx, req.params.code, req.body)),
        ),
    );

    app.get(
      '/api/campaigns/:code/warnings/:id',
      { schema: { tags, params: WarningParams, response: { 200: WarningDetailView } } },
      async (req) =>
        presentWarningDetail(
          await deps.run.read(req, (ctx) => getWarning(ctx, req.params.code, req.params.id)),
        ),
    );

    app.post(
      '/api/campaigns/:code/warnings/:id/talks',
      {
        schema: {
          tags,
          params: WarningParams,
          body: WarningTalkBody,
          response: { 200: WarningWriteResultView },
        },
      },
      async (req) =>
        presentWarningWrite(
          await deps.run.write(req, (ctx) => recordTalk(ctx, req.params.code, req.params.id, req.body)),
        ),
    );

    app.post(
      '/api/campaigns/:code/warnings/:id/measures',
      {
        schema: {
          tags,
          params: WarningParams,
          body: WarningMeasureBody,
          response: { 200: WarningWriteResultView },
        },
      },
      async (req) =>
        presentWarningWrite(
          await deps.run.write(req, (ctx) => addMeasure(ctx, req.params.code, req.params.id, req.body)),
        ),
    );
  };
}
