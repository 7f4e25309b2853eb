import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CampaignUnitParams } from '../contracts/campaigns';
import { AddCreationEntryBody, CreationFileView, CreationFileWriteView } from '../contracts/creationFile';
import { presentCreationFile, presentCreationFileWrite } from '../presenters/creationFile.presenter';
import { addCreationEntry, getCreationFile } from '../services/creationFile.service';
import type { RouteDeps } from './deps';

/** 创建档案: `GET` a unit's creation file in a campaign, `POST` a measure or a progress report to it. */
export function creationFileRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['creation-file'];
    const url = '/api/campaigns/:code/units/:unitCode/creation-file';
    app.get(
      url,
      { schema: { tags, params: CampaignUnitParams, response: { 200: CreationFileView } } },
      async (req) =>
        presentCreationFile(
          await deps.run.read(req, (ctx) => getCreationFile(ctx, req.params.code, req.params.unitCode)),
        ),
    );
    app.post(
      url,
      {
        schema: {
          tags,
          params: CampaignUnitParams,
          body: AddCreationEntryBody,
          response: { 200: CreationFileWriteView },
        },
      },
      async (req) =>
        presentCreationFileWrite(
          await deps.run.write(req, (ctx) =>
            addCreationEntry(ctx, req.params.code, req.params.unitCode, req.body),
          ),
        ),
    );
  };
}
