import type { MultipartFields, MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CampaignCodeParams } from '../contracts/campaigns';
import {
  CreateRoundBody,
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
import { AppError, invalid } from '../lib/errors';
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

/** The text fields sent before the file part, as plain strings. */
function textFields(fields: MultipartFields): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first && first.type === 'field' && typeof first.value === 'string') out[name] = first.value;
  }
  return out;
}

/** The upload's file part (its fields must come before it). */
async function photoPart(req: FastifyRequest): Promise<MultipartFile> {
  if (!req.isMultipart()) throw invalid('请以 multipart/form-data 上传照片', 'file');
  let part: MultipartFile | undefined;
  try {
    part = await req.file({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1 } });
  } catch {
    throw invalid('无法读取上传的照片（请求格式不正确）', 'file');
  }
  if (!part) throw invalid('请选择要上传的照片', 'file');
  return part;
}

async function partBytes(part: MultipartFile): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalid('照片不能超过10MB', 'file');
  }
  if (part.file.truncated) throw invalid('照片不能超过10MB', 'file');
  return bytes;
}

function photoFields(part: MultipartFile): PhotoUploadFields {
  const parsed = PhotoUploadFields.safeParse(textFields(part.fields));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || 'file';
    throw invalid(
      `照片信息不完整或格式不正确：${field}（请在文件之前发送 idempotencyKey、unitCode 等字段）`,
      field,
    );
  }
  return parsed.data;
}

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
      { schema: { tags, params: CampaignCodeParams, response: template } },
      async (req) =>
        presentTemplate(await deps.run.write(req, (ctx) => createDefaultTemplate(ctx, req.params.code))),
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
      const part = await photoPart(req);
      const fields = photoFields(part);
      // Checked before the file is read, so nobody else can make the server decode an image.
      await deps.run.read(req, (ctx) => checkPhotoUpload(ctx, fields.unitCode));
      const photo = await preparePhoto(await partBytes(part));
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
