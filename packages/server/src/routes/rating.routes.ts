import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CampaignCodeParams } from '../contracts/campaigns';
import {
  CertificateListView,
  ConfirmedRatingQuery,
  ConfirmedRatingView,
  FlagApproveBody,
  FlagCreateBody,
  FlagListQuery,
  FlagListView,
  FlagRejectBody,
  FlagResultView,
  RatingConfirmBody,
  RatingConfirmResultView,
  RatingExportQuery,
  RatingItemParams,
  StarRatingListView,
  VetoCreateBody,
  VetoListQuery,
  VetoListView,
  VetoResultView,
  VetoRevokeBody,
} from '../contracts/ratings';
import { sendDownload } from '../http/download';
import {
  presentCertificates,
  presentConfirmedRatings,
  presentConfirmResult,
  presentFlagList,
  presentFlagResult,
  presentStarRatings,
  presentVetoList,
  presentVetoResult,
} from '../presenters/rating.presenter';
import { approveFlag, listFlags, proposeFlag, rejectFlag } from '../services/flagAward.service';
import {
  confirmStarRatings,
  exportStarRatings,
  getConfirmedRatings,
  getStarRatings,
  starCertificates,
} from '../services/starRating.service';
import { listVetoes, recordVeto, revokeVeto } from '../services/veto.service';
import { renderTables } from '../workbook/writeWorkbook';
import type { RouteDeps } from './deps';

/** 夺旗争先 awards, 一票否决 vetoes and the confirmed star ratings (五星支部评定). */
export function ratingRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['ratings'];
    const params = CampaignCodeParams;

    app.get(
      '/api/campaigns/:code/flags',
      { schema: { tags, params, querystring: FlagListQuery, response: { 200: FlagListView } } },
      async (req) =>
        presentFlagList(await deps.run.read(req, (ctx) => listFlags(ctx, req.params.code, req.query))),
    );

    app.post(
      '/api/campaigns/:code/flags',
      { schema: { tags, params, body: FlagCreateBody, response: { 200: FlagResultView } } },
      async (req) =>
        presentFlagResult(
          req.params.code,
          await deps.run.write(req, (ctx) => proposeFlag(ctx, req.params.code, req.body)),
        ),
    );

    app.post(
      '/api/campaigns/:code/flags/:id/approve',
      {
        schema: { tags, params: RatingItemParams, body: FlagApproveBody, response: { 200: FlagResultView } },
      },
      async (req) =>
        presentFlagResult(
          req.params.code,
          await deps.run.write(req, (ctx) => approveFlag(ctx, req.params.code, req.params.id, req.body)),
        ),
    );

    app.post(
      '/api/campaigns/:code/flags/:id/reject',
      { schema: { tags, params: RatingItemParams, body: FlagRejectBody, response: { 200: FlagResultView } } },
      async (req) =>
        presentFlagResult(
          req.params.code,
          await deps.run.write(req, (ctx) => rejectFlag(ctx, req.params.code, req.params.id, req.body)),
        ),
    );

    app.get(
      '/api/campaigns/:code/vetoes',
      { schema: { tags, params, querystring: VetoListQuery, response: { 200: VetoListView } } },
      async (req) =>
        presentVetoList(
          req.params.code,
          await deps.run.read(req, (ctx) => listVetoes(ctx, req.params.code, req.query)),
        ),
    );

    app.post(
      '/api/campaigns/:code/vetoes',
      { schema: { tags, params, body: VetoCreateBody, response: { 200: VetoResultView } } },
      async (req) =>
        presentVetoResult(
          req.params.code,
          await deps.run.write(req, (ctx) => recordVeto(ctx, req.params.code, req.body)),
        ),
    );

    app.post(
      '/api/campaigns/:code/vetoes/:id/revoke',
      { schema: { tags, params: RatingItemParams, body: VetoRevokeBody, response: { 200: VetoResultView } } },
      async (req) =>
        presentVetoResult(
          req.params.code,
          await deps.run.write(req, (ctx) => revokeVeto(ctx, req.params.code, req.params.id, req.body)),
        ),
    );

    app.get(
      '/api/campaigns/:code/star-ratings',
      { schema: { tags, params, response: { 200: StarRatingListView } } },
      async (req) =>
        presentStarRatings(await deps.run.read(req, (ctx) => getStarRatings(ctx, req.params.code))),
    );

    app.post(
      '/api/campaigns/:code/star-ratings/confirm',
      { schema: { tags, params, body: RatingConfirmBody, response: { 200: RatingConfirmResultView } } },
      async (req) =>
        presentConfirmResult(
          await deps.run.write(req, (ctx) => confirmStarRatings(ctx, req.params.code, req.body)),
        ),
    );

    app.get(
      '/api/campaigns/:code/star-ratings/confirmed',
      { schema: { tags, params, querystring: ConfirmedRatingQuery, response: { 200: ConfirmedRatingView } } },
      async (req) =>
        presentConfirmedRatings(
          await deps.run.read(req, (ctx) => getConfirmedRatings(ctx, req.params.code, req.query)),
        ),
    );

    app.get(
      '/api/campaigns/:code/star-ratings/export',
      { schema: { tags, params, querystring: RatingExportQuery } },
      async (req, reply) => {
        const { format } = req.query;
        const { table, fileName } = await deps.run.read(req, (ctx) =>
          exportStarRatings(ctx, req.params.code),
        );
        return sendDownload(reply, await renderTables([table], format), fileName(format), format);
      },
    );

    app.get(
      '/api/campaigns/:code/star-ratings/certificates',
      { schema: { tags, params, response: { 200: CertificateListView } } },
      async (req) =>
        presentCertificates(await deps.run.read(req, (ctx) => starCertificates(ctx, req.params.code))),
    );
  };
}
