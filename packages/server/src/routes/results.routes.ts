import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CampaignCodeParams } from '../contracts/campaigns';
import {
  AwardRulesExportQuery,
  AwardRulesQuery,
  CandidateListView,
  ResultsExportQuery,
  StreetSummaryView,
} from '../contracts/results';
import { sendDownload } from '../http/download';
import { presentCandidates, presentStreetSummary } from '../presenters/results.presenter';
import {
  candidateList,
  candidateTables,
  streetSummary,
  streetSummaryTable,
} from '../services/results.service';
import { renderTables } from '../workbook/writeWorkbook';
import type { RouteDeps } from './deps';

/** 结果运用: award candidates (两优一先) by the admin's rules and the per-street summary, on screen and as files. */
export function resultsRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['results'];
    const params = CampaignCodeParams;

    app.get(
      '/api/campaigns/:code/results/candidates',
      { schema: { tags, params, querystring: AwardRulesQuery, response: { 200: CandidateListView } } },
      async (req) =>
        presentCandidates(await deps.run.read(req, (ctx) => candidateList(ctx, req.params.code, req.query))),
    );

    app.get(
      '/api/campaigns/:code/results/candidates/export',
      { schema: { tags, params, querystring: AwardRulesExportQuery } },
      async (req, reply) => {
        const { format, ...rules } = req.query;
        const list = await deps.run.read(req, (ctx) => candidateList(ctx, req.params.code, rules));
        const name = `${list.campaign.code}-${list.campaign.year}-两优一先候选名单.${format}`;
        return sendDownload(reply, await renderTables(candidateTables(list), format), name, format);
      },
    );

    app.get(
      '/api/campaigns/:code/results/streets',
      { schema: { tags, params, response: { 200: StreetSummaryView } } },
      async (req) =>
        presentStreetSummary(await deps.run.read(req, (ctx) => streetSummary(ctx, req.params.code))),
    );

    app.get(
      '/api/campaigns/:code/results/streets/export',
      { schema: { tags, params, querystring: ResultsExportQuery } },
      async (req, reply) => {
        const summary = await deps.run.read(req, (ctx) => streetSummary(ctx, req.params.code));
        const name = `${summary.campaign.code}-${summary.campaign.year}-街道汇总-干部考核.${req.query.format}`;
        return sendDownload(
          reply,
          await renderTables([streetSummaryTable(summary)], req.query.format),
          name,
          req.query.format,
        );
      },
    );
  };
}
