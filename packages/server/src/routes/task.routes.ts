import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CampaignCodeParams } from '../contracts/campaigns';
import {
  CancelTaskBody,
  DocumentParams,
  DocumentUploadFields,
  DocumentView,
  ReviewTaskBody,
  SubmitTaskBody,
  TaskBody,
  TaskDetailView,
  TaskListQuery,
  TaskListView,
  TaskParams,
  TaskReminderView,
  TaskUnitParams,
  TaskView,
  UnitTaskDetailView,
  UnitTaskListView,
  UnitTasksParams,
  UpdateTaskBody,
} from '../contracts/tasks';
import { sendAttachment, sendDownload } from '../http/download';
import { uploadBytes, uploadPart } from '../http/multipart';
import { DocumentStore } from '../lib/documentStore';
import { newId } from '../lib/ids';
import {
  presentDocument,
  presentTask,
  presentTaskDetail,
  presentTaskList,
  presentTaskReminders,
  presentUnitTaskDetail,
  presentUnitTaskList,
} from '../presenters/task.presenter';
import {
  checkDocumentUpload,
  MAX_DOCUMENT_BYTES,
  prepareDocument,
  readDocument,
  recordDocument,
} from '../services/document.service';
import { cancelTask, issueTask, updateTask } from '../services/task.service';
import { taskUnitTable } from '../services/taskExport';
import { getTask, getUnitTask, getUnitTasks, listTasks, taskReminders } from '../services/taskRead.service';
import { reviewTask, submitTask } from '../services/taskSubmission.service';
import { renderTables } from '../workbook/writeWorkbook';
import type { RouteDeps } from './deps';

const DOCUMENT_UPLOAD = {
  what: '文件',
  maxBytes: MAX_DOCUMENT_BYTES,
  tooLarge: '文件不能超过20MB',
  fields: DocumentUploadFields,
};

const TaskExportQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

/** 日常任务 daily tasks: issuing, the units' submissions and their reviews, reminders, evidence documents. */
export function taskRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const store = new DocumentStore(deps.dataDir);
  return async (app) => {
    const tags = ['tasks'];
    const one = { 200: z.object({ task: TaskView }) };
    const unitDetail = { 200: UnitTaskDetailView };

    app.get(
      '/api/campaigns/:code/tasks',
      {
        schema: {
          tags,
          params: CampaignCodeParams,
          querystring: TaskListQuery,
          response: { 200: TaskListView },
        },
      },
      async (req) =>
        presentTaskList(await deps.run.read(req, (ctx) => listTasks(ctx, req.params.code, req.query))),
    );

    app.post(
      '/api/campaigns/:code/tasks',
      { schema: { tags, params: CampaignCodeParams, body: TaskBody, response: one } },
      async (req) => {
        const { summary } = await deps.run.write(req, (ctx) => issueTask(ctx, req.params.code, req.body));
        return { task: presentTask(summary) };
      },
    );

    app.get(
      '/api/campaigns/:code/tasks/:id',
      { schema: { tags, params: TaskParams, response: { 200: TaskDetailView } } },
      async (req) =>
        presentTaskDetail(await deps.run.read(req, (ctx) => getTask(ctx, req.params.code, req.params.id))),
    );

    app.get(
      '/api/campaigns/:code/tasks/:id/export',
      { schema: { tags, params: TaskParams, querystring: TaskExportQuery } },
      async (req, reply) => {
        const detail = await deps.run.read(req, (ctx) => getTask(ctx, req.params.code, req.params.id));
        const { format } = req.query;
        const name = `日常任务-${detail.summary.row.number}-${detail.summary.row.title}.${format}`;
        return sendDownload(reply, await renderTables([taskUnitTable(detail)], format), name, format);
      },
    );

    app.put(
      '/api/campaigns/:code/tasks/:id',
      { schema: { tags, params: TaskParams, body: UpdateTaskBody, response: one } },
      async (req) => {
        const { summary } = await deps.run.write(req, (ctx) =>
          updateTask(ctx, req.params.code, req.params.id, req.body),
        );
        return { task: presentTask(summary) };
      },
    );

    app.post(
      '/api/campaigns/:code/tasks/:id/cancel',
      { schema: { tags, params: TaskParams, body: CancelTaskBody, response: one } },
      async (req) => {
        const { summary } = await deps.run.write(req, (ctx) =>
          cancelTask(ctx, req.params.code, req.params.id, req.body),
        );
        return { task: presentTask(summary) };
      },
    );

    app.get(
      '/api/campaigns/:code/units/:unitCode/tasks',
      { schema: { tags, params: UnitTasksParams, response: { 200: UnitTaskListView } } },
      async (req) =>
        presentUnitTaskList(
          await deps.run.read(req, (ctx) => getUnitTasks(ctx, req.params.code, req.params.unitCode)),
        ),
    );

    app.get(
      '/api/campaigns/:code/tasks/:id/units/:unitCode',
      { schema: { tags, params: TaskUnitParams, response: unitDetail } },
      async (req) =>
        presentUnitTaskDetail(
          await deps.run.read(req, (ctx) =>
            getUnitTask(ctx, req.params.code, req.params.id, req.params.unitCode),
          ),
        ),
    );

    app.post(
      '/api/campaigns/:code/tasks/:id/units/:unitCode/submissions',
      { schema: { tags, params: TaskUnitParams, body: SubmitTaskBody, response: unitDetail } },
      async (req) => {
        const { code, id, unitCode } = req.params;
        const { detail } = await deps.run.write(req, (ctx) => submitTask(ctx, code, id, unitCode, req.body));
        return presentUnitTaskDetail(detail);
      },
    );

    app.post(
      '/api/campaigns/:code/tasks/:id/units/:unitCode/reviews',
      { schema: { tags, params: TaskUnitParams, body: ReviewTaskBody, response: unitDetail } },
      async (req) => {
        const { code, id, unitCode } = req.params;
        const { detail } = await deps.run.write(req, (ctx) => reviewTask(ctx, code, id, unitCode, req.body));
        return presentUnitTaskDetail(detail);
      },
    );

    app.get('/api/task-reminders', { schema: { tags, response: { 200: TaskReminderView } } }, async (req) =>
      presentTaskReminders(await deps.run.read(req, (ctx) => taskReminders(ctx))),
    );

    app.post(
      '/api/documents',
      { schema: { tags, response: { 200: z.object({ document: DocumentView, replayed: z.boolean() }) } } },
      async (req) => {
        const { part, fields } = await uploadPart(req, DOCUMENT_UPLOAD);
        // Checked before the file is read, so nobody else can make the server store a file.
        await deps.run.read(req, (ctx) => checkDocumentUpload(ctx, fields.unitCode));
        const document = prepareDocument(await uploadBytes(part, DOCUMENT_UPLOAD.tooLarge), part.filename);
        const id = newId();
        const staged = await store.stage(id, new Date().toISOString(), document.bytes);
        try {
          const result = await deps.run.write(req, (ctx) =>
            recordDocument(ctx, store, { id, fields, document, staged }),
          );
          if (result.replayed) await store.discard(staged);
          return { document: presentDocument(result.row), replayed: result.replayed };
        } catch (err) {
          await store.discard(staged, true);
          throw err;
        }
      },
    );

    app.get('/api/documents/:id', { schema: { tags, params: DocumentParams } }, async (req, reply) => {
      const { row, bytes } = await deps.run.read(req, (ctx) => readDocument(ctx, store, req.params.id));
      // Evidence may be sensitive and village phones are shared: never kept in a browser cache.
      reply.header('cache-control', 'private, no-store');
      return sendAttachment(reply, bytes, row.name, row.mime);
    });
  };
}
