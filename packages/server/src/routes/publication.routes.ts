import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AcceptObjectionBody,
  NewVersionBody,
  ObjectionBody,
  ObjectionParams,
  ObjectionResultView,
  PublicationDetailView,
  PublicationDiffQuery,
  PublicationDiffView,
  PublicationListQuery,
  PublicationListView,
  PublicationParams,
  PublicationResultView,
  PublicationVersionQuery,
  PublicPublicationView,
  PublicTokenParams,
  PublishBody,
  RejectObjectionBody,
} from '../contracts/publications';
import {
  presentObjectionResult,
  presentPublicationDetail,
  presentPublicationDiff,
  presentPublicationList,
  presentPublicationResult,
  presentPublicPublication,
} from '../presenters/publication.presenter';
import {
  acceptObjection,
  diffPublication,
  fileObjection,
  getPublication,
  getPublicPublication,
  listPublications,
  publishNewVersion,
  publishResults,
  rejectObjection,
} from '../services/publication.service';
import type { RouteDeps } from './deps';

/** 公示 publications, their versions and objections; the public page's API under /api/public. */
export function publicationRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['publications'];
    const params = PublicationParams;

    app.get(
      '/api/publications',
      { schema: { tags, querystring: PublicationListQuery, response: { 200: PublicationListView } } },
      async (req) =>
        presentPublicationList(await deps.run.read(req, (ctx) => listPublications(ctx, req.query))),
    );

    app.post(
      '/api/publications',
      { schema: { tags, body: PublishBody, response: { 200: PublicationResultView } } },
      async (req) =>
        presentPublicationResult(await deps.run.write(req, (ctx) => publishResults(ctx, req.body))),
    );

    app.get(
      '/api/publications/:id',
      {
        schema: {
          tags,
          params,
          querystring: PublicationVersionQuery,
          response: { 200: PublicationDetailView },
        },
      },
      async (req) =>
        presentPublicationDetail(
          await deps.run.read(req, (ctx) => getPublication(ctx, req.params.id, req.query)),
        ),
    );

    app.get(
      '/api/publications/:id/diff',
      { schema: { tags, params, querystring: PublicationDiffQuery, response: { 200: PublicationDiffView } } },
      async (req) =>
        presentPublicationDiff(
          await deps.run.read(req, (ctx) => diffPublication(ctx, req.params.id, req.query)),
        ),
    );

    app.post(
      '/api/publications/:id/versions',
      { schema: { tags, params, body: NewVersionBody, response: { 200: PublicationResultView } } },
      async (req) =>
        presentPublicationResult(
          await deps.run.write(req, (ctx) => publishNewVersion(ctx, req.params.id, req.body)),
        ),
    );

    app.post(
      '/api/publications/:id/objections',
      { schema: { tags, params, body: ObjectionBody, response: { 200: ObjectionResultView } } },
      async (req) =>
        presentObjectionResult(
          await deps.run.write(req, (ctx) => fileObjection(ctx, req.params.id, req.body)),
        ),
    );

    app.post(
      '/api/publications/:id/objections/:objectionId/reject',
      {
        schema: {
          tags,
          params: ObjectionParams,
          body: RejectObjectionBody,
          response: { 200: ObjectionResultView },
        },
      },
      async (req) =>
        presentObjectionResult(
          await deps.run.write(req, (ctx) =>
            rejectObjection(ctx, req.params.id, req.params.objectionId, req.body),
          ),
        ),
    );

    app.post(
      '/api/publications/:id/objections/:objectionId/accept',
      {
        schema: {
          tags,
          params: ObjectionParams,
          body: AcceptObjectionBody,
          response: { 200: ObjectionResultView },
        },
      },
      async (req) =>
        presentObjectionResult(
          await deps.run.write(req, (ctx) =>
            acceptObjection(ctx, req.params.id, req.params.objectionId, req.body),
          ),
        ),
    );

    app.get(
      '/api/public/publications/:token',
      {
        schema: {
          tags,
          params: PublicTokenParams,
          querystring: PublicationVersionQuery,
          response: { 200: PublicPublicationView },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        reply.header('x-robots-tag', 'noindex');
        return presentPublicPublication(
          await deps.run.read(req, (ctx) => getPublicPublication(ctx, req.params.token, req.query)),
        );
      },
    );
  };
}
