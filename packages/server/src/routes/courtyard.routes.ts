import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ApplyCourtyardBody,
  ApplyCourtyardResultView,
  ConfirmCourtyardBody,
  CourtyardApplicationListQuery,
  CourtyardApplicationListView,
  CourtyardApplicationView,
  CourtyardAwardBody,
  CourtyardCampaignCodeParams,
  CourtyardCampaignListView,
  CourtyardCampaignView,
  CourtyardCeremonyQuery,
  CourtyardHouseholdParams,
  CourtyardHouseholdView,
  CourtyardStatsQuery,
  CourtyardTodoView,
  CreateCourtyardCampaignBody,
  CreateHouseholdBody,
  DemoteCourtyardBody,
  HouseholdDetailView,
  HouseholdImportResultView,
  HouseholdListQuery,
  HouseholdListView,
  HouseholdParams,
  HouseholdView,
  NominateCourtyardBody,
  RejectCourtyardBody,
  SubmitCourtyardEvaluationBody,
  SubmitCourtyardEvaluationResultView,
  UpdateCourtyardCampaignBody,
  UpdateHouseholdBody,
} from '../contracts/courtyard';
import { sendDownload } from '../http/download';
import { invalid } from '../lib/errors';
import {
  presentApplication,
  presentApplicationList,
  presentCeremony,
  presentCourtyardCampaign,
  presentCourtyardCampaignList,
  presentCourtyardHousehold,
  presentEvaluationResult,
  presentHousehold,
  presentHouseholdDetail,
  presentHouseholdList,
  presentStats,
  presentTodo,
} from '../presenters/courtyard.presenter';
import {
  applyCourtyard,
  confirmCourtyard,
  createCourtyardCampaign,
  getCourtyardCampaign,
  listCourtyardApplications,
  listCourtyardCampaigns,
  rejectCourtyard,
  updateCourtyardCampaign,
} from '../services/courtyard.service';
import {
  awardCourtyard,
  courtyardTodo,
  demoteCourtyard,
  getCourtyardHousehold,
  nominateCourtyard,
  submitCourtyardEvaluation,
} from '../services/courtyardEvaluation.service';
import {
  courtyardCeremony,
  courtyardCeremonyTable,
  courtyardStats,
  courtyardStatsTables,
} from '../services/courtyardStats.service';
import {
  checkHouseholdImport,
  createHousehold,
  getHousehold,
  householdTemplate,
  importHouseholds,
  listHouseholds,
  updateHousehold,
} from '../services/household.service';
import { readWorkbook } from '../workbook/readWorkbook';
import { renderTables } from '../workbook/writeWorkbook';
import type { RouteDeps } from './deps';

/** 五美庭院: households, applications, evaluations, levels, awards, statistics. */
export function courtyardRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['courtyards'];
    const campaignPath = '/api/courtyard-campaigns/:code';
    const householdPath = `${campaignPath}/households/:householdCode`;
    const one = { 200: CourtyardHouseholdView };

    // ——— Households ———

    app.get(
      '/api/households',
      { schema: { tags, querystring: HouseholdListQuery, response: { 200: HouseholdListView } } },
      async (req) => presentHouseholdList(await deps.run.read(req, (ctx) => listHouseholds(ctx, req.query))),
    );

    app.get('/api/households/template', { schema: { tags } }, async (req, reply) => {
      const table = await deps.run.read(req, householdTemplate);
      return sendDownload(
        reply,
        await renderTables([table], 'xlsx'),
        '住户导入模板.xlsx',
        'xlsx',
        'households.xlsx',
      );
    });

    app.post(
      '/api/households/import',
      { schema: { tags, response: { 200: HouseholdImportResultView } } },
      async (req) => {
        // Checked before the upload is read, so nobody else can make the server parse a workbook.
        await deps.run.read(req, checkHouseholdImport);
        const file = await req.file().catch(() => undefined);
        if (!file) throw invalid('请选择要导入的文件', 'file');
        const buffer = await file.toBuffer().catch(() => {
          throw invalid('文件过大，不能超过50MB', 'file');
        });
        const workbook = await readWorkbook(buffer, file.filename, 'households');
        return deps.run.write(req, (ctx) => importHouseholds(ctx, workbook.households));
      },
    );

    app.get(
      '/api/households/:code',
      { schema: { tags, params: HouseholdParams, response: { 200: HouseholdDetailView } } },
      async (req) =>
        presentHouseholdDetail(await deps.run.read(req, (ctx) => getHousehold(ctx, req.params.code))),
    );

    app.post(
      '/api/households',
      { schema: { tags, body: CreateHouseholdBody, response: { 200: HouseholdView } } },
      async (req) => presentHousehold(await deps.run.write(req, (ctx) => createHousehold(ctx, req.body))),
    );

    app.patch(
      '/api/households/:code',
      {
        schema: {
          tags,
          params: HouseholdParams,
          body: UpdateHouseholdBody,
          response: { 200: HouseholdView },
        },
      },
      async (req) =>
        presentHousehold(await deps.run.write(req, (ctx) => updateHousehold(ctx, req.params.code, req.body))),
    );

    // ——— Campaigns ———

    app.get(
      '/api/courtyard-campaigns',
      { schema: { tags, response: { 200: CourtyardCampaignListView } } },
      async (req) => presentCourtyardCampaignList(await deps.run.read(req, listCourtyardCampaigns)),
    );

    app.post(
      '/api/courtyard-campaigns',
      { schema: { tags, body: CreateCourtyardCampaignBody, response: { 200: CourtyardCampaignView } } },
      async (req) =>
        presentCourtyardCampaign(await deps.run.write(req, (ctx) => createCourtyardCampaign(ctx, req.body))),
    );

    app.get(
      campaignPath,
      { schema: { tags, params: CourtyardCampaignCodeParams, response: { 200: CourtyardCampaignView } } },
      async (req) =>
        presentCourtyardCampaign(
          await deps.run.read(req, (ctx) => getCourtyardCampaign(ctx, req.params.code)),
        ),
    );

    app.patch(
      campaignPath,
      {
        schema: {
          tags,
          params: CourtyardCampaignCodeParams,
          body: UpdateCourtyardCampaignBody,
          response: { 200: CourtyardCampaignView },
        },
      },
      async (req) =>
        presentCourtyardCampaign(
          await deps.run.write(req, (ctx) => updateCourtyardCampaign(ctx, req.params.code, req.body)),
        ),
    );

    // ——— Applications ———

    app.get(
      `${campaignPath}/applications`,
      {
        schema: {
          tags,
          params: CourtyardCampaignCodeParams,
          querystring: CourtyardApplicationListQuery,
          response: { 200: CourtyardApplicationListView },
        },
      },
      async (req) =>
        presentApplicationList(
          await deps.run.read(req, (ctx) => listCourtyardApplications(ctx, req.params.code, req.query)),
          req.params.code,
        ),
    );

    app.post(
      `${campaignPath}/applications`,
      {
        schema: {
          tags,
          params: CourtyardCampaignCodeParams,
          body: ApplyCourtyardBody,
          response: { 200: ApplyCourtyardResultView },
        },
      },
      async (req) => ({
        rows: (await deps.run.write(req, (ctx) => applyCourtyard(ctx, req.params.code, req.body))).map((a) =>
          presentApplication(a, req.params.code),
        ),
      }),
    );

    app.post(
      `${campaignPath}/applications/:householdCode/confirm`,
      {
        schema: {
          tags,
          params: CourtyardHouseholdParams,
          body: ConfirmCourtyardBody,
          response: { 200: CourtyardApplicationView },
        },
      },
      async (req) =>
        presentApplication(
          await deps.run.write(req, (ctx) =>
            confirmCourtyard(ctx, req.params.code, req.params.householdCode, req.body),
          ),
          req.params.code,
        ),
    );

    app.post(
      `${campaignPath}/applications/:householdCode/reject`,
      {
        schema: {
          tags,
          params: CourtyardHouseholdParams,
          body: RejectCourtyardBody,
          response: { 200: CourtyardApplicationView },
        },
      },
      async (req) =>
        presentApplication(
          await deps.run.write(req, (ctx) =>
            rejectCourtyard(ctx, req.params.code, req.params.householdCode, req.body),
          ),
          req.params.code,
        ),
    );

    // ——— Evaluations, levels, awards ———

    app.get(
      `${campaignPath}/evaluations/todo`,
      { schema: { tags, params: CourtyardCampaignCodeParams, response: { 200: CourtyardTodoView } } },
      async (req) => presentTodo(await deps.run.read(req, (ctx) => courtyardTodo(ctx, req.params.code))),
    );

    app.get(
      householdPath,
      { schema: { tags, params: CourtyardHouseholdParams, response: one } },
      async (req) =>
        presentCourtyardHousehold(
          await deps.run.read(req, (ctx) =>
            getCourtyardHousehold(ctx, req.params.code, req.params.householdCode),
          ),
        ),
    );

    app.post(
      `${householdPath}/evaluations`,
      {
        schema: {
          tags,
          params: CourtyardHouseholdParams,
          body: SubmitCourtyardEvaluationBody,
          response: { 200: SubmitCourtyardEvaluationResultView },
        },
      },
      async (req) =>
        presentEvaluationResult(
          await deps.run.write(req, (ctx) =>
            submitCourtyardEvaluation(ctx, req.params.code, req.params.householdCode, req.body),
          ),
        ),
    );

    app.post(
      `${householdPath}/nominate`,
      { schema: { tags, params: CourtyardHouseholdParams, body: NominateCourtyardBody, response: one } },
      async (req) =>
        presentCourtyardHousehold(
          await deps.run.write(req, (ctx) =>
            nominateCourtyard(ctx, req.params.code, req.params.householdCode, req.body),
          ),
        ),
    );

    app.post(
      `${householdPath}/demote`,
      { schema: { tags, params: CourtyardHouseholdParams, body: DemoteCourtyardBody, response: one } },
      async (req) =>
        presentCourtyardHousehold(
          await deps.run.write(req, (ctx) =>
            demoteCourtyard(ctx, req.params.code, req.params.householdCode, req.body),
          ),
        ),
    );

    app.post(
      `${householdPath}/awards`,
      { schema: { tags, params: CourtyardHouseholdParams, body: CourtyardAwardBody, response: one } },
      async (req) =>
        presentCourtyardHousehold(
          await deps.run.write(req, (ctx) =>
            awardCourtyard(ctx, req.params.code, req.params.householdCode, req.body),
          ),
        ),
    );

    // ——— Statistics (JSON, or ?format=xlsx for the workbook) ———

    app.get(
      `${campaignPath}/stats`,
      { schema: { tags, params: CourtyardCampaignCodeParams, querystring: CourtyardStatsQuery } },
      async (req, reply) => {
        const stats = await deps.run.read(req, (ctx) =>
          courtyardStats(ctx, req.params.code, req.query.streetCode),
        );
        if (req.query.format !== 'xlsx') return presentStats(stats);
        return sendDownload(
          reply,
          await renderTables(courtyardStatsTables(stats), 'xlsx'),
          `五美庭院统计-${stats.campaign.code}.xlsx`,
          'xlsx',
          `courtyard-stats-${stats.campaign.code}.xlsx`,
        );
      },
    );

    app.get(
      `${campaignPath}/ceremony`,
      { schema: { tags, params: CourtyardCampaignCodeParams, querystring: CourtyardCeremonyQuery } },
      async (req, reply) => {
        const list = await deps.run.read(req, (ctx) =>
          courtyardCeremony(ctx, req.params.code, req.query.streetCode),
        );
        if (req.query.format !== 'xlsx') return presentCeremony(list);
        return sendDownload(
          reply,
          await renderTables([courtyardCeremonyTable(list.campaign, list.rows)], 'xlsx'),
          `五美庭院表彰名单-${list.campaign.row.code}.xlsx`,
          'xlsx',
          `courtyard-ceremony-${list.campaign.row.code}.xlsx`,
        );
      },
    );
  };
}
