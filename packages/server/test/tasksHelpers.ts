import { chinaDate } from '@wuxing/core';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TaskDetailView, TaskView, UnitTaskDetailView } from '../src/contracts/tasks';
import { newId } from '../src/lib/ids';
import { createUser } from '../src/services/user.service';
import type { Client, TestEnv } from './harness';

/** Helpers the daily-task tests share: issuing, submitting and reviewing over HTTP, and reading the ranking. */

/** A China date `days` from today (deadlines relative to the day the tests run). */
export function day(days: number): string {
  return chinaDate(new Date(Date.now() + days * 86_400_000).toISOString());
}

let counter = 0;
/** A fresh idempotency key. */
export const key = (label: string) => `${label}-${String(++counter).padStart(6, '0')}-${newId().slice(-6)}`;

export const put = (c: Client, url: string, payload: unknown) =>
  c.request({ method: 'PUT', url, payload: payload as Record<string, unknown> });

/** The API's error body. */
export const errorOf = (res: LightMyRequestResponse) =>
  res.json().error as { code: string; message: string; field?: string };

/** Issues a task (on time unless the body says otherwise: the deadline is 30 days ahead). */
export async function issue(
  admin: Client,
  campaign: string,
  body: Record<string, unknown>,
): Promise<TaskView> {
  const res = await admin.post(`/api/campaigns/${campaign}/tasks`, {
    idempotencyKey: key('task'),
    title: '主题党日',
    star: 'ZB',
    points: 5,
    deadline: day(30),
    ...body,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().task;
}

export function submitRaw(
  client: Client,
  campaign: string,
  taskId: string,
  unitCode: string,
  body: Record<string, unknown> = {},
) {
  return client.post(`/api/campaigns/${campaign}/tasks/${taskId}/units/${unitCode}/submissions`, {
    idempotencyKey: key('submit'),
    text: '已按要求完成，附活动记录。',
    ...body,
  });
}

/** Submits and expects success; returns the unit's task as it stands. */
export async function submit(
  client: Client,
  campaign: string,
  taskId: string,
  unitCode: string,
  body: Record<string, unknown> = {},
): Promise<UnitTaskDetailView> {
  const res = await submitRaw(client, campaign, taskId, unitCode, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The id of the unit's latest submission as the client sees it (`none` when it may not see it). */
async function latestSubmissionId(client: Client, campaign: string, taskId: string, unitCode: string) {
  const res = await client.get(`/api/campaigns/${campaign}/tasks/${taskId}/units/${unitCode}`);
  return res.statusCode === 200 ? ((res.json() as UnitTaskDetailView).submissions[0]?.id ?? 'none') : 'none';
}

/** Posts a review (of the latest submission unless the body names one). */
export async function reviewRaw(
  client: Client,
  campaign: string,
  taskId: string,
  unitCode: string,
  body: Record<string, unknown>,
) {
  const submissionId = body.submissionId ?? (await latestSubmissionId(client, campaign, taskId, unitCode));
  return client.post(`/api/campaigns/${campaign}/tasks/${taskId}/units/${unitCode}/reviews`, {
    idempotencyKey: key('review'),
    submissionId,
    ...body,
  });
}

/** Reviews the latest submission and expects success. */
export async function review(
  client: Client,
  campaign: string,
  taskId: string,
  unitCode: string,
  body: Record<string, unknown>,
): Promise<UnitTaskDetailView> {
  const res = await reviewRaw(client, campaign, taskId, unitCode, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function unitTask(
  client: Client,
  campaign: string,
  taskId: string,
  unitCode: string,
): Promise<UnitTaskDetailView> {
  const res = await client.get(`/api/campaigns/${campaign}/tasks/${taskId}/units/${unitCode}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function taskDetail(client: Client, campaign: string, taskId: string): Promise<TaskDetailView> {
  const res = await client.get(`/api/campaigns/${campaign}/tasks/${taskId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A unit's ranking row for a period: U and the per-star scores. */
export async function rankingOf(
  client: Client,
  campaign: string,
  period: string,
  unitCode: string,
): Promise<{ score: number; stars: Record<string, number | null> }> {
  const res = await client.get(`/api/campaigns/${campaign}/ranking?period=${period}`);
  expect(res.statusCode, res.body).toBe(200);
  const row = (
    res.json().rows as { unitCode: string; score: number; stars: Record<string, number | null> }[]
  ).find((r) => r.unitCode === unitCode);
  if (!row) throw new Error(`no ranking row ${unitCode}`);
  return { score: row.score, stars: row.stars };
}

/** A unit's module points of one star for a period, from its profile. */
export async function profileModules(
  client: Client,
  campaign: string,
  unitCode: string,
  period: string,
  star = 'ZB',
): Promise<Record<string, number>> {
  const res = await client.get(`/api/campaigns/${campaign}/units/${unitCode}/profile?period=${period}`);
  expect(res.statusCode, res.body).toBe(200);
  const s = (res.json().stars as { code: string; modules: Record<string, number> }[]).find(
    (x) => x.code === star,
  );
  if (!s) throw new Error(`no star ${star}`);
  return s.modules;
}

/** The entries behind a unit's item (the ledger). */
export async function itemEntries(client: Client, campaign: string, unitCode: string, itemCode: string) {
  const res = await client.get(`/api/campaigns/${campaign}/units/${unitCode}/items/${itemCode}/entries`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    score: number | null;
    locked: boolean;
    entries: {
      scorer: string;
      points: number | null;
      source: string;
      reason: string | null;
      current: boolean;
    }[];
  };
}

/** Creates a village login for a unit and logs it in. */
export async function villageLogin(env: TestEnv, username: string, unitCode: string): Promise<Client> {
  await createUser(
    env.system(),
    {
      username,
      displayName: `${unitCode}书记`,
      role: 'village_user',
      scopeUnitCode: unitCode,
      password: `${username}-password`,
    },
    { mustChangePassword: false },
  );
  return env.login(username, `${username}-password`);
}

/** Approves a target star for a unit directly (as if declared and approved). */
export async function approveTarget(
  env: TestEnv,
  campaign: string,
  unitCode: string,
  star: string,
): Promise<void> {
  const repos = env.system().repos;
  const c = await repos.campaigns.findByCode(campaign);
  const unit = await repos.units.findByCode(unitCode);
  if (!c || !unit) throw new Error('fixture');
  const now = new Date().toISOString();
  await repos.targets.insertMany([
    {
      id: newId(),
      campaign_id: c.id,
      unit_id: unit.id,
      star,
      status: 'approved',
      declared_by: null,
      declared_at: now,
      decided_by: null,
      decided_at: now,
      note: null,
    },
  ]);
}
