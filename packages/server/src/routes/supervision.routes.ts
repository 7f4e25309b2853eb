import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CampaignCodeParams } from '../contracts/campaigns';
import {
  CreateRoundBody,
  DefaultTemplateQuery,
  InspectionParams,
  InspectionView,
  PhotoParams,
  PhotoUploadFields,
  PhotoUploadResultView,
  ReplaceAssignmentsBody,
  RoundDetailView,
  RoundListQuery,
  RoundParams,
  RoundSummaryView,
  RoundUnitParams,
  SheetTemplateBody,
  SheetTemplateView,
  SheetView,
  SubmitSheetBody,
  SubmitSheetResultView,
  TemplateParams,
  UnitInspectionsView,
} from '../contracts/supervision';
import { uploadBytes, uploadPart } from '../http/multipart';
import { newId } from '../lib/ids';
import { PhotoStore } from '../lib/photoStore';
import {
  presentInspection,
  presentPhoto,
  presentRoundDetail,
  presentRoundSummary,
  presentSheet,
  presentSubmitResult,
  presentTemplate,
} from '../presenters/supervision.presenter';
import { getInspection, getSheet, listUnitInspections, submitSheet } from '../services/inspection.service';
import {
  checkPhotoUpload,
  MAX_PHOTO_BYTES,
  preparePhoto,
  readPhoto,
  recordPhoto,
} from '../services/photo.service';
import { closeRound, createRound, getRound, listRounds, replaceAssignments } from '../services/round.service';
import {
  createDefaultTemplate,
  createTemplate,
  getTemplate,
  listTemplates,
  updateTemplate,
} from '../services/sheetTemplate.service';
import type { RouteDeps } from './deps';

const PHOTO_UPLOAD = {
  what: '照片',
  maxBytes: MAX_PHOTO_BYTES,
  tooLarge: '照片不能超过10MB',
  fields: PhotoUploadFields,
};

/** Scoring-sheet templates, rounds, inspectors' sheets and photos. */
export function supervisionRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const store = new PhotoStore(deps.dataDir);
  return async (app) => {
    const tags = ['supervision'];
    const template = { 200: SheetTemplateView };
    const round = { 200: RoundDetailView };

    app.get(
      '/api/campaigns/:code/sheet-templates',
      {
        schema: {
          tags,
          params: CampaignCodeParams,
          response: { 200: z.object({ templates: z.array(SheetTemplateView) }) },
        },
      },
      async (req) => ({
        templates: (await deps.run.read(req, (ctx) => listTemplates(ctx, req.params.code))).map(
          presentTemplate,
        ),
      }),
    );

    app.post(
      '/api/campaigns/:code/sheet-templates',
      { schema: { tags, params: CampaignCodeParams, body: SheetTemplateBody, response: template } },
      async (req) =>
        presentTemplate(await deps.run.write(req, (ctx) => createTemplate(ctx, req.params.code, req.body))),
    );

    app.post(
      '/api/campaigns/:code/sheet-templates/default',
      { schema: { tags, params: CampaignCodeParams, querystring: DefaultTemplateQuery, response: template } },
      async (req) =>
        presentTemplate(
          await deps.run.write(req, (ctx) => createDefaultTemplate(ctx, req.params.code, req.query.module)),
        ),
    );

    app.get(
      '/api/campaigns/:code/sheet-templates/:templateCode',
      { schema: { tags, params: TemplateParams, response: template } },
      async (req) =>
        presentTemplate(
          await deps.run.read(req, (ctx) => getTemplate(ctx, req.params.code, req.params.templateCode)),
        ),
    );

    app.put(
      '/api/campaigns/:code/sheet-templates/:templateCode',
      { schema: { tags, params: TemplateParams, body: SheetTemplateBody, response: template } },
      async (req) =>
        presentTemplate(
          await deps.run.write(req, (ctx) =>
            updateTemplate(ctx, req.params.code, req.params.templateCode, req.body),
          ),
        ),
    );

    app.get(
      '/api/rounds',
      {
        schema: {
          tags,
          querystring: RoundListQuery,
          response: { 200: z.object({ rounds: z.array(RoundSummaryView) }) },
        },
      },
      async (req) => ({
        rounds: (await deps.run.read(req, (ctx) => listRounds(ctx, req.query.campaign))).map(
          presentRoundSummary,
        ),
      }),
    );

    app.post('/api/rounds', { schema: { tags, body: CreateRoundBody, response: round } }, async (req) =>
      presentRoundDetail(await deps.run.write(req, (ctx) => createRound(ctx, req.body))),
    );

    app.get('/api/rounds/:id', { schema: { tags, params: RoundParams, response: round } }, async (req) =>
      presentRoundDetail(await deps.run.read(req, (ctx) => getRound(ctx, req.params.id))),
    );

    app.put(
      '/api/rounds/:id/assignments',
      { schema: { tags, params: RoundParams, body: ReplaceAssignmentsBody, response: round } },
      async (req) =>
        presentRoundDetail(
          await deps.run.write(req, (ctx) => replaceAssignments(ctx, req.params.id, req.body)),
        ),
    );

    app.post(
      '/api/rounds/:id/close',
      { schema: { tags, params: RoundParams, response: round } },
      async (req) => presentRoundDetail(await deps.run.write(req, (ctx) => closeRound(ctx, req.params.id))),
    );

    app.get(
      '/api/rounds/:id/units/:unitCode/sheet',
      { schema: { tags, params: RoundUnitParams, response: { 200: SheetView } } },
      async (req) =>
        presentSheet(await deps.run.read(req, (ctx) => getSheet(ctx, req.params.id, req.params.unitCode))),
    );

    app.get(
      '/api/rounds/:id/units/:unitCode/inspections',
      { schema: { tags, params: RoundUnitParams, response: { 200: UnitInspectionsView } } },
      async (req) => ({
        inspections: (
          await deps.run.read(req, (ctx) => listUnitInspections(ctx, req.params.id, req.params.unitCode))
        ).map(presentInspection),
      }),
    );

    app.post(
      '/api/inspections',
      { schema: { tags, body: SubmitSheetBody, response: { 200: SubmitSheetResultView } } },
      async (req) => presentSubmitResult(await deps.run.write(req, (ctx) => submitSheet(ctx, req.body))),
    );

    app.get(
      '/api/inspections/:id',
      { schema: { tags, params: InspectionParams, response: { 200: InspectionView } } },
      async (req) => presentInspection(await deps.run.read(req, (ctx) => getInspection(ctx, req.params.id))),
    );

    app.post('/api/photos', { schema: { tags, response: { 200: PhotoUploadResultView } } }, async (req) => {
      const { part, fields } = await uploadPart(req, PHOTO_UPLOAD);
      // Checked before the file is read, so nobody else can make the server decode an image.
      await deps.run.read(req, (ctx) => checkPhotoUpload(ctx, fields.unitCode));
      const photo = await preparePhoto(await uploadBytes(part, PHOTO_UPLOAD.tooLarge));
      const id = newId();
      const staged = await store.stage(id, new Date().toISOString(), photo.full, photo.thumb);
      try {
        const result = await deps.run.write(req, (ctx) =>
          recordPhoto(ctx, store, { id, fields, photo, staged }),
        );
        if (result.replayed) await store.discard(staged);
        return { ...presentPhoto(result.row), replayed: result.replayed };
      } catch (err) {
        await store.discard(staged);
        await store.remove(staged);
        throw err;
      }
    });

    for (const thumb of [false, true])
      app.get(
        thumb ? '/api/photos/:id/thumb' : '/api/photos/:id',
        { schema: { tags, params: PhotoParams } },
        async (req, reply) => {
          const bytes = await deps.run.read(req, (ctx) => readPhoto(ctx, store, req.params.id, thumb));
          return reply
            .header('content-type', 'image/jpeg')
            .header('cache-control', 'private, max-age=86400')
            .header('x-content-type-options', 'nosniff')
            .send(bytes);
        },
      );
  };
}
