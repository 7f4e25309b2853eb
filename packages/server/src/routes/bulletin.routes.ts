import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  BulletinListQuery,
  BulletinListView,
  BulletinParams,
  BulletinVersionBody,
  BulletinView,
  CreateBulletinBody,
  UpdateBulletinBody,
} from '../contracts/bulletin';
import { sendAttachment } from '../http/download';
import { presentBulletin, presentBulletinList } from '../presenters/bulletin.presenter';
import {
  generateBulletin,
  getBulletin,
  issueBulletin,
  listBulletins,
  regenerateBulletin,
  updateBulletin,
} from '../services/bulletin.service';
import { bulletinDocx } from '../services/bulletinDocx';
import { bulletinPdf } from '../services/bulletinPdf';
import { bulletinFileStem } from '../services/bulletinText';
import type { RouteDeps } from './deps';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PDF = 'application/pdf';

/**
 * 月度通报: list, generate, read, edit, regenerate, issue, and download as .docx or PDF
 * (`/api/bulletins`, `/api/bulletins/:id`, `…/regenerate`, `…/issue`, `…/docx`, `…/pdf`).
 */
export function bulletinRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['bulletins'];
    const params = BulletinParams;

    app.get(
      '/api/bulletins',
      { schema: { tags, querystring: BulletinListQuery, response: { 200: BulletinListView } } },
      async (req) => presentBulletinList(await deps.run.read(req, (ctx) => listBulletins(ctx, req.query))),
    );

    app.post(
      '/api/bulletins',
      { schema: { tags, body: CreateBulletinBody, response: { 200: BulletinView } } },
      async (req) => presentBulletin(await deps.run.write(req, (ctx) => generateBulletin(ctx, req.body))),
    );

    app.get(
      '/api/bulletins/:id',
      { schema: { tags, params, response: { 200: BulletinView } } },
      async (req) => presentBulletin(await deps.run.read(req, (ctx) => getBulletin(ctx, req.params.id))),
    );

    app.put(
      '/api/bulletins/:id',
      { schema: { tags, params, body: UpdateBulletinBody, response: { 200: BulletinView } } },
      async (req) =>
        presentBulletin(await deps.run.write(req, (ctx) => updateBulletin(ctx, req.params.id, req.body))),
    );

    app.post(
      '/api/bulletins/:id/regenerate',
      { schema: { tags, params, body: BulletinVersionBody, response: { 200: BulletinView } } },
      async (req) =>
        presentBulletin(await deps.run.write(req, (ctx) => regenerateBulletin(ctx, req.params.id, req.body))),
    );

    app.post(
      '/api/bulletins/:id/issue',
      { schema: { tags, params, body: BulletinVersionBody, response: { 200: BulletinView } } },
      async (req) =>
        presentBulletin(await deps.run.write(req, (ctx) => issueBulletin(ctx, req.params.id, req.body))),
    );

    app.get('/api/bulletins/:id/docx', { schema: { tags, params } }, async (req, reply) => {
      const d = await deps.run.read(req, (ctx) => getBulletin(ctx, req.params.id));
      return sendAttachment(reply, await bulletinDocx(d), `${bulletinFileStem(d.row.month)}.docx`, DOCX);
    });

    app.get('/api/bulletins/:id/pdf', { schema: { tags, params } }, async (req, reply) => {
      const d = await deps.run.read(req, (ctx) => getBulletin(ctx, req.params.id));
      return sendAttachment(reply, bulletinPdf(d), `${bulletinFileStem(d.row.month)}.pdf`, PDF);
    });
  };
}
