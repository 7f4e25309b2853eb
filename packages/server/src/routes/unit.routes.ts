import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../contracts/common';
import {
  ContestGroupView,
  CreateUnitBody,
  ImportResultView,
  MoveUnitBody,
  UnitDetailView,
  UnitListQuery,
  UnitView,
  UpdateUnitBody,
} from '../contracts/units';
import { sendDownload } from '../http/download';
import { invalid } from '../lib/errors';
import { authorize } from '../policies/policy';
import { presentUnit, presentUnitDetail } from '../presenters/unit.presenter';
import { listContestGroups } from '../services/contestGroup.service';
import { createUnit, exportUnits, getUnit, listUnits, moveUnit, updateUnit } from '../services/unit.service';
import { importUnits } from '../services/unitImport.service';
import { readWorkbook } from '../workbook/readWorkbook';
import { type ExportFormat, renderTables } from '../workbook/writeWorkbook';
import type { RouteDeps } from './deps';

const ExportQuery = z.object({ format: z.enum(['xlsx', 'csv', 'json']).default('xlsx') });
/** `households=true` includes households in the tree (left out by default: 1,000+ of them). */
const UnitTreeQuery = UnitListQuery.extend({ households: z.enum(['true', 'false']).optional() });

/** The organisation tree: list, detail, create, rename, move, import and export. */
export const unitRoutes =
  (deps: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['units'];
    app.get(
      '/api/units',
      {
        schema: {
          tags,
          querystring: UnitTreeQuery,
          response: { 200: z.object({ units: z.array(UnitView) }) },
        },
      },
      async (req) => ({
        units: (await deps.run.read(req, (ctx) => listUnits(ctx, req.query))).map(presentUnit),
      }),
    );

    app.get('/api/units/export', { schema: { tags, querystring: ExportQuery } }, async (req, reply) => {
      const table = await deps.run.read(req, exportUnits);
      const format: ExportFormat = req.query.format;
      return sendDownload(
        reply,
        await renderTables([table], format),
        `单位.${format}`,
        format,
        `units.${format}`,
      );
    });

    app.post('/api/units/import', { schema: { tags, response: { 200: ImportResultView } } }, async (req) => {
      // Checked before the upload is read, so nobody else can make the server parse a workbook.
      authorize(req.actor, { do: 'unit.import' });
      const file = await req.file().catch(() => undefined);
      if (!file) throw invalid('请选择要导入的文件', 'file');
      const buffer = await file.toBuffer().catch(() => {
        throw invalid('文件过大，不能超过50MB', 'file');
      });
      const workbook = await readWorkbook(buffer, file.filename, 'units');
      return deps.run.write(req, (ctx) => importUnits(ctx, workbook.units));
    });

    app.get(
      '/api/units/:id',
      { schema: { tags, params: IdParams, response: { 200: UnitDetailView } } },
      async (req) => presentUnitDetail(await deps.run.read(req, (ctx) => getUnit(ctx, req.params.id))),
    );

    app.post(
      '/api/units',
      { schema: { tags, body: CreateUnitBody, response: { 200: UnitView } } },
      async (req) => presentUnit(await deps.run.write(req, (ctx) => createUnit(ctx, req.body))),
    );

    app.patch(
      '/api/units/:id',
      { schema: { tags, params: IdParams, body: UpdateUnitBody, response: { 200: UnitView } } },
      async (req) =>
        presentUnit(await deps.run.write(req, (ctx) => updateUnit(ctx, req.params.id, req.body))),
    );

    app.post(
      '/api/units/:id/move',
      { schema: { tags, params: IdParams, body: MoveUnitBody, response: { 200: UnitView } } },
      async (req) => presentUnit(await deps.run.write(req, (ctx) => moveUnit(ctx, req.params.id, req.body))),
    );

    app.get(
      '/api/contest-groups',
      { schema: { tags, response: { 200: z.object({ groups: z.array(ContestGroupView) }) } } },
      async (req) => ({
        groups: (await deps.run.read(req, listContestGroups)).map((g) => ({
          id: g.id,
          code: g.code,
          name: g.name,
          unitCount: g.unit_count,
        })),
      }),
    );
  };
