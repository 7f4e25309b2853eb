import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEntryView, AuditListQuery, AuditVerifyView } from '../contracts/audit';
import { presentAuditEntry } from '../presenters/audit.presenter';
import { listAuditEntries, verifyAuditChain } from '../services/audit.service';
import type { RouteDeps } from './deps';

/** The audit log and its chain check, for district admins. */
export const auditRoutes =
  (deps: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['audit'];
    app.get(
      '/api/audit',
      {
        schema: {
          tags,
          querystring: AuditListQuery,
          response: { 200: z.object({ entries: z.array(AuditEntryView) }) },
        },
      },
      async (req) => ({
        entries: (await deps.run.read(req, (ctx) => listAuditEntries(ctx, req.query))).map(presentAuditEntry),
      }),
    );
    app.get('/api/audit/verify', { schema: { tags, response: { 200: AuditVerifyView } } }, async (req) =>
      deps.run.read(req, verifyAuditChain),
    );
  };
