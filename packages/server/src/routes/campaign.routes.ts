import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApproveTargetsBody,
  BonusBody,
  BonusResultView,
  CampaignCodeParams,
  CampaignDetailView,
  CampaignEntryParams,
  CampaignExportQuery,
  CampaignImportResultView,
  CampaignItemParams,
  CampaignSummaryView,
  CampaignUnitItemParams,
  CampaignUnitParams,
  CorrectionBody,
  CreateCampaignBody,
  CreateItemBody,
  ItemEntriesView,
  LockMonthBody,
  ProfileQuery,
  RankingExportQuery,
  RankingQuery,
  RankingView,
  RejectTargetsBody,
  ReplaceModulesBody,
  ReplaceStarsBody,
  ScoreEntryBody,
  ScoreEntryResultView,
  ScoreSheetQuery,
  ScoreSheetView,
  SetTargetsBody,
  TargetsView,
  UnitProfileView,
  UnitTargetsView,
  UpdateCampaignBody,
  UpdateItemBody,
} from '../contracts/campaigns';
import { sendDownload } from '../http/download';
import { AppError, invalid } from '../lib/errors';
import { authorize } from '../policies/policy';
import {
  presentBonus,
  presentCampaignDetail,
  presentCampaignSummary,
  presentEntryResult,
  presentImportResult,
  presentItemEntries,
  presentRanking,
  presentScoreSheet,
  presentTargets,
  presentUnitProfile,
  presentUnitTargets,
} from '../presenters/campaign.presenter';
import {
  createCampaign,
  createItem,
  deleteItem,
  getCampaign,
  listCampaigns,
  lockMonth,
  replaceModules,
  replaceStars,
  updateCampaign,
  updateItem,
} from '../services/campaign.service';
import { exportCampaignWorkbook, pickSheet } from '../services/campaignExport.service';
import { importCampaignWorkbook } from '../services/campaignImport.service';
import { getRanking, rankingFileName, rankingTable } from '../services/ranking.service';
import { addBonus, correctScore, enterScore, listItemEntries } from '../services/score.service';
import {
  approveTargets,
  getUnitTargets,
  listTargets,
  rejectTargets,
  setTargets,
} from '../services/target.service';
import { getScoreSheet, getUnitProfile } from '../services/unitProfile.service';
import { MAX_CAMPAIGN_FILES, readCampaignFiles, type UploadedFile } from '../workbook/readCampaignFiles';
import { MAX_WORKBOOK_BYTES } from '../workbook/readWorkbook';
import { renderTables } from '../workbook/writeWorkbook';
import type { RouteDeps } from './deps';

/** Reads every file of a multipart upload (one .xlsx/.json, or a CSV set). */
async function uploadedFiles(req: FastifyRequest): Promise<UploadedFile[]> {
  const files: UploadedFile[] = [];
  let total = 0;
  try {
    for await (const part of req.files({
      limits: { files: MAX_CAMPAIGN_FILES, fileSize: MAX_WORKBOOK_BYTES },
    })) {
      const content = await part.toBuffer();
      total += content.length;
      if (total > MAX_WORKBOOK_BYTES) throw invalid('上传的文件合计不能超过50MB', 'file');
      files.push({ name: part.filename, content });
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalid('无法读取上传的文件（文件过大或请求格式不正确，单个文件不能超过50MB）', 'file');
  }
  return files;
}

/** Five-star campaigns: model, targets, the score ledger, bonuses, locks, rankings, profiles, workbooks. */
export const campaignRoutes =
  (deps: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['campaigns'];
    const detail = { 200: CampaignDetailView };

    app.get(
      '/api/campaigns',
      { schema: { tags, response: { 200: z.object({ campaigns: z.array(CampaignSummaryView) }) } } },
      async (req) => ({ campaigns: (await deps.run.read(req, listCampaigns)).map(presentCampaignSummary) }),
    );

    app.post(
      '/api/campaigns',
      { schema: { tags, body: CreateCampaignBody, response: detail } },
      async (req) => presentCampaignDetail(await deps.run.write(req, (ctx) => createCampaign(ctx, req.body))),
    );

    app.post(
      '/api/campaigns/import',
      { schema: { tags, response: { 200: CampaignImportResultView } } },
      async (req) => {
        // Checked before the upload is read, so nobody else can make the server parse a workbook.
        authorize(req.actor, { do: 'campaign.manage' });
        const workbook = await readCampaignFiles(await uploadedFiles(req));
        return presentImportResult(await deps.run.write(req, (ctx) => importCampaignWorkbook(ctx, workbook)));
      },
    );

    app.get(
      '/api/campaigns/:code',
      { schema: { tags, params: CampaignCodeParams, response: detail } },
      async (req) =>
        presentCampaignDetail(await deps.run.read(req, (ctx) => getCampaign(ctx, req.params.code))),
    );

    app.patch(
      '/api/campaigns/:code',
      { schema: { tags, params: CampaignCodeParams, body: UpdateCampaignBody, response: detail } },
      async (req) =>
        presentCampaignDetail(
          await deps.run.write(req, (ctx) => updateCampaign(ctx, req.params.code, req.body)),
        ),
    );

    app.put(
      '/api/campaigns/:code/stars',
      { schema: { tags, params: CampaignCodeParams, body: ReplaceStarsBody, response: detail } },
      async (req) =>
        presentCampaignDetail(
          await deps.run.write(req, (ctx) => replaceStars(ctx, req.params.code, req.body)),
        ),
    );

    app.put(
      '/api/campaigns/:code/modules',
      { schema: { tags, params: CampaignCodeParams, body: ReplaceModulesBody, response: detail } },
      async (req) =>
        presentCampaignDetail(
          await deps.run.write(req, (ctx) => replaceModules(ctx, req.params.code, req.body)),
        ),
    );

    app.post(
      '/api/campaigns/:code/items',
      { schema: { tags, params: CampaignCodeParams, body: CreateItemBody, response: detail } },
      async (req) =>
        presentCampaignDetail(await deps.run.write(req, (ctx) => createItem(ctx, req.params.code, req.body))),
    );

    app.patch(
      '/api/campaigns/:code/items/:itemCode',
      { schema: { tags, params: CampaignItemParams, body: UpdateItemBody, response: detail } },
      async (req) =>
        presentCampaignDetail(
          await deps.run.write(req, (ctx) => updateItem(ctx, req.params.code, req.params.itemCode, req.body)),
        ),
    );

    app.delete(
      '/api/campaigns/:code/items/:itemCode',
      { schema: { tags, params: CampaignItemParams, response: detail } },
      async (req) =>
        presentCampaignDetail(
          await deps.run.write(req, (ctx) => deleteItem(ctx, req.params.code, req.params.itemCode)),
        ),
    );

    app.post(
      '/api/campaigns/:code/locks',
      { schema: { tags, params: CampaignCodeParams, body: LockMonthBody, response: detail } },
      async (req) =>
        presentCampaignDetail(await deps.run.write(req, (ctx) => lockMonth(ctx, req.params.code, req.body))),
    );

    app.get(
      '/api/campaigns/:code/export',
      { schema: { tags, params: CampaignCodeParams, querystring: CampaignExportQuery } },
      async (req, reply) => {
        const tables = await deps.run.read(req, (ctx) => exportCampaignWorkbook(ctx, req.params.code));
        const { format, sheet } = req.query;
        const chosen = format === 'csv' ? [pickSheet(tables, sheet)] : tables;
        const name = format === 'csv' ? `${req.params.code}-${chosen[0]?.sheet}` : req.params.code;
        return sendDownload(reply, await renderTables(chosen, format), `${name}.${format}`, format);
      },
    );

    app.get(
      '/api/campaigns/:code/targets',
      { schema: { tags, params: CampaignCodeParams, response: { 200: TargetsView } } },
      async (req) => presentTargets(await deps.run.read(req, (ctx) => listTargets(ctx, req.params.code))),
    );

    app.get(
      '/api/campaigns/:code/targets/:unitCode',
      { schema: { tags, params: CampaignUnitParams, response: { 200: UnitTargetsView } } },
      async (req) =>
        presentUnitTargets(
          await deps.run.read(req, (ctx) => getUnitTargets(ctx, req.params.code, req.params.unitCode)),
        ),
    );

    app.put(
      '/api/campaigns/:code/targets/:unitCode',
      {
        schema: {
          tags,
          params: CampaignUnitParams,
          body: SetTargetsBody,
          response: { 200: UnitTargetsView },
        },
      },
      async (req) =>
        presentUnitTargets(
          await deps.run.write(req, (ctx) => setTargets(ctx, req.params.code, req.params.unitCode, req.body)),
        ),
    );

    app.post(
      '/api/campaigns/:code/targets/:unitCode/approve',
      {
        schema: {
          tags,
          params: CampaignUnitParams,
          body: ApproveTargetsBody,
          response: { 200: UnitTargetsView },
        },
      },
      async (req) =>
        presentUnitTargets(
          await deps.run.write(req, (ctx) =>
            approveTargets(ctx, req.params.code, req.params.unitCode, req.body?.reason ?? null),
          ),
        ),
    );

    app.post(
      '/api/campaigns/:code/targets/:unitCode/reject',
      {
        schema: {
          tags,
          params: CampaignUnitParams,
          body: RejectTargetsBody,
          response: { 200: UnitTargetsView },
        },
      },
      async (req) =>
        presentUnitTargets(
          await deps.run.write(req, (ctx) =>
            rejectTargets(ctx, req.params.code, req.params.unitCode, req.body),
          ),
        ),
    );

    app.post(
      '/api/campaigns/:code/scores',
      {
        schema: {
          tags,
          params: CampaignCodeParams,
          body: ScoreEntryBody,
          response: { 200: ScoreEntryResultView },
        },
      },
      async (req) =>
        presentEntryResult(await deps.run.write(req, (ctx) => enterScore(ctx, req.params.code, req.body))),
    );

    app.post(
      '/api/campaigns/:code/scores/:id/correct',
      {
        schema: {
          tags,
          params: CampaignEntryParams,
          body: CorrectionBody,
          response: { 200: ScoreEntryResultView },
        },
      },
      async (req) =>
        presentEntryResult(
          await deps.run.write(req, (ctx) => correctScore(ctx, req.params.code, req.params.id, req.body)),
        ),
    );

    app.post(
      '/api/campaigns/:code/bonuses',
      { schema: { tags, params: CampaignCodeParams, body: BonusBody, response: { 200: BonusResultView } } },
      async (req) => {
        const r = await deps.run.write(req, (ctx) => addBonus(ctx, req.params.code, req.body));
        return { bonus: presentBonus(r.bonus), replayed: r.replayed };
      },
    );

    app.get(
      '/api/campaigns/:code/ranking',
      {
        schema: {
          tags,
          params: CampaignCodeParams,
          querystring: RankingQuery,
          response: { 200: RankingView },
        },
      },
      async (req) =>
        presentRanking(await deps.run.read(req, (ctx) => getRanking(ctx, req.params.code, req.query))),
    );

    app.get(
      '/api/campaigns/:code/ranking/export',
      { schema: { tags, params: CampaignCodeParams, querystring: RankingExportQuery } },
      async (req, reply) => {
        const { format, ...query } = req.query;
        const ranking = await deps.run.read(req, (ctx) => getRanking(ctx, req.params.code, query));
        return sendDownload(
          reply,
          await renderTables([rankingTable(ranking)], format),
          rankingFileName(ranking, format),
          format,
        );
      },
    );

    app.get(
      '/api/campaigns/:code/units/:unitCode/profile',
      {
        schema: {
          tags,
          params: CampaignUnitParams,
          querystring: ProfileQuery,
          response: { 200: UnitProfileView },
        },
      },
      async (req) =>
        presentUnitProfile(
          await deps.run.read(req, (ctx) =>
            getUnitProfile(ctx, req.params.code, req.params.unitCode, req.query),
          ),
        ),
    );

    app.get(
      '/api/campaigns/:code/units/:unitCode/items',
      {
        schema: {
          tags,
          params: CampaignUnitParams,
          querystring: ScoreSheetQuery,
          response: { 200: ScoreSheetView },
        },
      },
      async (req) =>
        presentScoreSheet(
          await deps.run.read(req, (ctx) =>
            getScoreSheet(ctx, req.params.code, req.params.unitCode, req.query.month),
          ),
        ),
    );

    app.get(
      '/api/campaigns/:code/units/:unitCode/items/:itemCode/entries',
      { schema: { tags, params: CampaignUnitItemParams, response: { 200: ItemEntriesView } } },
      async (req) =>
        presentItemEntries(
          await deps.run.read(req, (ctx) =>
            listItemEntries(ctx, req.params.code, req.params.unitCode, req.params.itemCode),
          ),
        ),
    );
  };
