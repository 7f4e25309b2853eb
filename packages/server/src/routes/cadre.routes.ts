import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CadreIdParams,
  CadreListQuery,
  CadreListView,
  CadreResultsExportQuery,
  CadreResultsQuery,
  CadreResultsView,
  CadreView,
  CreateCadreBody,
  UpdateCadreBody,
} from '../contracts/cadres';
import { CampaignCodeParams } from '../contracts/campaigns';
import { sendDownload } from '../http/download';
import { presentCadre, presentCadreList, presentCadreResults } from '../presenters/cadre.presenter';
import { createCadre, listCadres, updateCadre } from '../services/cadre.service';
import { cadreResults, cadreResultTables } from '../services/cadreResults.service';
import { renderTables } from '../workbook/writeWorkbook';
import type { RouteDeps } from './deps';

/** Cadres (街道干部, 驻村干部) linked to their villages, and their assessment by those villages' results. */
export function cadreRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['cadres'];
    app.get(
      '/api/cadres',
      { schema: { tags, querystring: CadreListQuery, response: { 200: CadreListView } } },
      async (req) => presentCadreList(await deps.run.read(req, (ctx) => listCadres(ctx, req.query))),
    );
    app.post(
      '/api/cadres',
      { schema: { tags, body: CreateCadreBody, response: { 200: CadreView } } },
      async (req) => presentCadre(await deps.run.write(req, (ctx) => createCadre(ctx, req.body))),
    );
    app.put(
      '/api/cadres/:id',
      { schema: { tags, params: CadreIdParams, body: UpdateCadreBody, response: { 200: CadreView } } },
      async (req) =>
        presentCadre(await deps.run.write(req, (ctx) => updateCadre(ctx, req.params.id, req.body))),
    );
    app.get(
      '/api/campaigns/:code/results/cadres',
      {
        schema: {
          tags,
          params: CampaignCodeParams,
          querystring: CadreResultsQuery,
          response: { 200: CadreResultsView },
        },
      },
      async (req) =>
        presentCadreResults(await deps.run.read(req, (ctx) => cadreResults(ctx, req.params.code, req.query))),
    );
    app.get(
      '/api/campaigns/:code/results/cadres/export',
      { schema: { tags, params: CampaignCodeParams, querystring: CadreResultsExportQuery } },
      async (req, reply) => {
        const { format, ...query } = req.query;
        const results = await deps.run.read(req, (ctx) => cadreResults(ctx, req.params.code, query));
        const name = `${results.campaign.code}-${results.period.key}-干部考核.${format}`;
        return sendDownload(reply, await renderTables(cadreResultTables(results), format), name, format);
      },
    );
  };
}
