import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SessionView } from '../contracts/auth';
import {
  AddJudgeBody,
  CallSpeakerBody,
  CloseUnitBody,
  ConsistencyView,
  ConsoleView,
  ContestCodeParams,
  ContestDetailView,
  ContestDownloadQuery,
  ContestHonourParams,
  ContestImportResultView,
  ContestJudgeParams,
  ContestListView,
  ContestResultsView,
  ContestUnitParams,
  ContestUnlockParams,
  ContestYearParams,
  CreateContestBody,
  DrawLotsBody,
  GoalsBody,
  HonourBody,
  HonourListView,
  JudgeAccountListView,
  JudgeAddedView,
  JudgeContestListView,
  JudgeContestView,
  JudgeLinkLoginBody,
  OverallView,
  ScoreResultView,
  ScreenTokenParams,
  ScreenView,
  SubmitScoreBody,
  TimerBody,
  UnlockScoreBody,
  UpdateContestBody,
} from '../contracts/contest';
import { sendDownload } from '../http/download';
import { setSessionCookie } from '../http/session';
import { invalid } from '../lib/errors';
import { authorize } from '../policies/policy';
import {
  presentConsistencyView,
  presentConsole,
  presentContestDetail,
  presentContestList,
  presentHonourList,
  presentImportResult,
  presentJudgeAccounts,
  presentJudgeAdded,
  presentJudgeContests,
  presentJudgeView,
  presentOverall,
  presentResults,
  presentScoreResult,
  presentScreen,
} from '../presenters/contest.presenter';
import { presentSessionUser } from '../presenters/user.presenter';
import {
  addHonour,
  createContest,
  deleteHonour,
  drawContestLots,
  rotateScreenToken,
  setGoals,
  updateContest,
} from '../services/contest.service';
import {
  announceContest,
  callSpeaker,
  closeUnit,
  controlTimer,
  finishContest,
  getConsole,
  openScoring,
  startContest,
  unlockScore,
} from '../services/contestHost.service';
import {
  cadreTemplate,
  honourTemplate,
  importCadreVotes,
  importHonours,
} from '../services/contestImport.service';
import {
  addJudge,
  listJudgeAccounts,
  logInWithJudgeLink,
  removeJudge,
  renewJudgeLink,
} from '../services/contestJury.service';
import type { ContestWrite } from '../services/contestLoader';
import { getContest, getScreen, listContests } from '../services/contestRead.service';
import {
  getContestConsistency,
  getContestResults,
  getYearOverall,
  overallTables,
  resultsTables,
} from '../services/contestResults.service';
import { getJudgeView, listJudgeContests, submitScore } from '../services/contestScore.service';
import type { ServiceContext } from '../services/context';
import { readWorkbook } from '../workbook/readWorkbook';
import type { SheetKey } from '../workbook/sheets';
import { renderTables } from '../workbook/writeWorkbook';
import type { RouteDeps } from './deps';

/** 擂台赛 contests: setup, jury, lots, honours, cadre style, host console, judging, results. */
export function contestRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  /** Runs a contest write, then wakes the contest's live feeds on every instance. */
  async function write<T>(
    req: FastifyRequest,
    fn: (ctx: ServiceContext) => Promise<ContestWrite<T>>,
  ): Promise<T> {
    const { contestId, result } = await deps.run.write(req, fn);
    deps.live.notify(contestId);
    return result;
  }

  /** The uploaded workbook of an import, read after the actor is known to be a district admin. */
  async function upload(req: FastifyRequest, sheet: SheetKey) {
    authorize(req.actor, { do: 'contest.manage' });
    const file = await req.file().catch(() => undefined);
    if (!file) throw invalid('请选择要导入的文件', 'file');
    const buffer = await file.toBuffer().catch(() => {
      throw invalid('文件过大，不能超过50MB', 'file');
    });
    return readWorkbook(buffer, file.filename, sheet);
  }

  return async (app) => {
    const tags = ['contests'];
    const params = ContestCodeParams;
    const detail = { 200: ContestDetailView };
    const consoleView = { 200: ConsoleView };

    // ——— Setup ———

    app.get('/api/contests', { schema: { tags, response: { 200: ContestListView } } }, async (req) =>
      presentContestList(await deps.run.read(req, (ctx) => listContests(ctx))),
    );

    app.post('/api/contests', { schema: { tags, body: CreateContestBody, response: detail } }, async (req) =>
      presentContestDetail(await write(req, (ctx) => createContest(ctx, req.body))),
    );

    app.get('/api/contests/:code', { schema: { tags, params, response: detail } }, async (req) =>
      presentContestDetail(await deps.run.read(req, (ctx) => getContest(ctx, req.params.code))),
    );

    app.patch(
      '/api/contests/:code',
      { schema: { tags, params, body: UpdateContestBody, response: detail } },
      async (req) =>
        presentContestDetail(await write(req, (ctx) => updateContest(ctx, req.params.code, req.body))),
    );

    app.put(
      '/api/contests/:code/units/:unitCode/goals',
      { schema: { tags, params: ContestUnitParams, body: GoalsBody, response: detail } },
      async (req) =>
        presentContestDetail(
          await write(req, (ctx) => setGoals(ctx, req.params.code, req.params.unitCode, req.body)),
        ),
    );

    app.post(
      '/api/contests/:code/lots',
      { schema: { tags, params, body: DrawLotsBody, response: detail } },
      async (req) =>
        presentContestDetail(
          await write(req, (ctx) => drawContestLots(ctx, req.params.code, req.body ?? {})),
        ),
    );

    app.post(
      '/api/contests/:code/screen-token',
      { schema: { tags, params, response: detail } },
      async (req) => presentContestDetail(await write(req, (ctx) => rotateScreenToken(ctx, req.params.code))),
    );

    // ——— Jury ———

    app.get(
      '/api/contest-judges',
      { schema: { tags, response: { 200: JudgeAccountListView } } },
      async (req) => presentJudgeAccounts(await deps.run.read(req, (ctx) => listJudgeAccounts(ctx))),
    );

    app.post(
      '/api/contests/:code/judges',
      { schema: { tags, params, body: AddJudgeBody, response: { 200: JudgeAddedView } } },
      async (req) => presentJudgeAdded(await write(req, (ctx) => addJudge(ctx, req.params.code, req.body))),
    );

    app.post(
      '/api/contests/:code/judges/:userId/link',
      { schema: { tags, params: ContestJudgeParams, response: { 200: JudgeAddedView } } },
      async (req) =>
        presentJudgeAdded(await write(req, (ctx) => renewJudgeLink(ctx, req.params.code, req.params.userId))),
    );

    app.delete(
      '/api/contests/:code/judges/:userId',
      { schema: { tags, params: ContestJudgeParams, response: detail } },
      async (req) =>
        presentContestDetail(await write(req, (ctx) => removeJudge(ctx, req.params.code, req.params.userId))),
    );

    app.post(
      '/api/auth/judge-link',
      {
        schema: { tags: ['auth', ...tags], body: JudgeLinkLoginBody, response: { 200: SessionView } },
        config: { csrfExempt: true },
      },
      async (req, reply) => {
        const client = { ip: req.ip, userAgent: req.headers['user-agent'] ?? null };
        const outcome = await deps.run.write(req, (ctx) => logInWithJudgeLink(ctx, req.body, client));
        setSessionCookie(reply, outcome.token, deps.settings.sessionAbsoluteSeconds, deps.cookieSecure);
        return { user: presentSessionUser(outcome.user), csrfToken: outcome.csrfToken };
      },
    );

    // ——— Honours and cadre style ———

    app.get(
      '/api/contests/:code/honours',
      { schema: { tags, params, response: { 200: HonourListView } } },
      async (req) => presentHonourList(await deps.run.read(req, (ctx) => getContest(ctx, req.params.code))),
    );

    app.post(
      '/api/contests/:code/honours',
      { schema: { tags, params, body: HonourBody, response: { 200: HonourListView } } },
      async (req) => presentHonourList(await write(req, (ctx) => addHonour(ctx, req.params.code, req.body))),
    );

    app.delete(
      '/api/contests/:code/honours/:id',
      { schema: { tags, params: ContestHonourParams, response: { 200: HonourListView } } },
      async (req) =>
        presentHonourList(await write(req, (ctx) => deleteHonour(ctx, req.params.code, req.params.id))),
    );

    app.post(
      '/api/contests/:code/honours/import',
      { schema: { tags, params, response: { 200: ContestImportResultView } } },
      async (req) => {
        const workbook = await upload(req, 'contestHonours');
        return presentImportResult(
          await write(req, (ctx) => importHonours(ctx, req.params.code, workbook.contestHonours)),
        );
      },
    );

    app.post(
      '/api/contests/:code/cadre/import',
      { schema: { tags, params, response: { 200: ContestImportResultView } } },
      async (req) => {
        const workbook = await upload(req, 'contestCadre');
        return presentImportResult(
          await write(req, (ctx) => importCadreVotes(ctx, req.params.code, workbook.contestCadre)),
        );
      },
    );

    app.get('/api/contests/:code/honours/template', { schema: { tags, params } }, async (req, reply) => {
      const { state, tables } = await deps.run.read(req, (ctx) => honourTemplate(ctx, req.params.code));
      const name = `${state.contest.code}-所获荣誉导入模板.xlsx`;
      return sendDownload(reply, await renderTables(tables, 'xlsx'), name, 'xlsx');
    });

    app.get('/api/contests/:code/cadre/template', { schema: { tags, params } }, async (req, reply) => {
      const { state, tables } = await deps.run.read(req, (ctx) => cadreTemplate(ctx, req.params.code));
      const name = `${state.contest.code}-干部作风评价导入模板.xlsx`;
      return sendDownload(reply, await renderTables(tables, 'xlsx'), name, 'xlsx');
    });

    // ——— Host console ———

    app.get('/api/contests/:code/console', { schema: { tags, params, response: consoleView } }, async (req) =>
      presentConsole(await deps.run.read(req, (ctx) => getConsole(ctx, req.params.code))),
    );

    app.post('/api/contests/:code/start', { schema: { tags, params, response: consoleView } }, async (req) =>
      presentConsole(await write(req, (ctx) => startContest(ctx, req.params.code))),
    );

    app.post(
      '/api/contests/:code/call',
      { schema: { tags, params, body: CallSpeakerBody, response: consoleView } },
      async (req) =>
        presentConsole(await write(req, (ctx) => callSpeaker(ctx, req.params.code, req.body ?? {}))),
    );

    app.post(
      '/api/contests/:code/timer',
      { schema: { tags, params, body: TimerBody, response: consoleView } },
      async (req) =>
        presentConsole(await write(req, (ctx) => controlTimer(ctx, req.params.code, req.body.action))),
    );

    app.post(
      '/api/contests/:code/units/:unitCode/open',
      { schema: { tags, params: ContestUnitParams, response: consoleView } },
      async (req) =>
        presentConsole(await write(req, (ctx) => openScoring(ctx, req.params.code, req.params.unitCode))),
    );

    app.post(
      '/api/contests/:code/units/:unitCode/close',
      { schema: { tags, params: ContestUnitParams, body: CloseUnitBody, response: consoleView } },
      async (req) =>
        presentConsole(
          await write(req, (ctx) =>
            closeUnit(ctx, req.params.code, req.params.unitCode, req.body ?? { force: false }),
          ),
        ),
    );

    app.post(
      '/api/contests/:code/units/:unitCode/scores/:judgeId/unlock',
      { schema: { tags, params: ContestUnlockParams, body: UnlockScoreBody, response: consoleView } },
      async (req) => {
        const { code, unitCode, judgeId } = req.params;
        return presentConsole(await write(req, (ctx) => unlockScore(ctx, code, unitCode, judgeId, req.body)));
      },
    );

    app.post('/api/contests/:code/finish', { schema: { tags, params, response: consoleView } }, async (req) =>
      presentConsole(await write(req, (ctx) => finishContest(ctx, req.params.code))),
    );

    app.post(
      '/api/contests/:code/announce',
      { schema: { tags, params, response: consoleView } },
      async (req) => presentConsole(await write(req, (ctx) => announceContest(ctx, req.params.code))),
    );

    // ——— Results ———

    app.get(
      '/api/contests/:code/results',
      {
        schema: { tags, params, querystring: ContestDownloadQuery, response: { 200: ContestResultsView } },
      },
      async (req, reply) => {
        const results = await deps.run.read(req, (ctx) => getContestResults(ctx, req.params.code));
        if (req.query.format === 'xlsx') {
          const c = results.state.contest;
          const tables = resultsTables(c.name, results.groups);
          return sendDownload(
            reply,
            await renderTables(tables, 'xlsx'),
            `${c.code}-${c.name}-成绩.xlsx`,
            'xlsx',
          );
        }
        return presentResults(results);
      },
    );

    app.get(
      '/api/contests/:code/consistency',
      { schema: { tags, params, response: { 200: ConsistencyView } } },
      async (req) =>
        presentConsistencyView(
          await deps.run.read(req, (ctx) => getContestConsistency(ctx, req.params.code)),
        ),
    );

    app.get(
      '/api/contest-years/:year/overall',
      {
        schema: {
          tags,
          params: ContestYearParams,
          querystring: ContestDownloadQuery,
          response: { 200: OverallView },
        },
      },
      async (req, reply) => {
        const overall = await deps.run.read(req, (ctx) => getYearOverall(ctx, req.params.year));
        if (req.query.format === 'xlsx') {
          const name = `${overall.year}年度擂台赛年终总评.xlsx`;
          return sendDownload(reply, await renderTables(overallTables(overall), 'xlsx'), name, 'xlsx');
        }
        return presentOverall(overall);
      },
    );

    // ——— Judges ———

    app.get(
      '/api/judge/contests',
      { schema: { tags, response: { 200: JudgeContestListView } } },
      async (req) => presentJudgeContests(await deps.run.read(req, (ctx) => listJudgeContests(ctx))),
    );

    app.get(
      '/api/contests/:code/judge',
      { schema: { tags, params, response: { 200: JudgeContestView } } },
      async (req) => presentJudgeView(await deps.run.read(req, (ctx) => getJudgeView(ctx, req.params.code))),
    );

    app.post(
      '/api/contests/:code/units/:unitCode/scores',
      {
        schema: {
          tags,
          params: ContestUnitParams,
          body: SubmitScoreBody,
          response: { 200: ScoreResultView },
        },
      },
      async (req) =>
        presentScoreResult(
          await write(req, (ctx) => submitScore(ctx, req.params.code, req.params.unitCode, req.body)),
        ),
    );

    // ——— The public big screen ———

    app.get(
      '/api/screens/:token',
      { schema: { tags, params: ScreenTokenParams, response: { 200: ScreenView } } },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return presentScreen(await deps.run.read(req, (ctx) => getScreen(ctx, req.params.token)));
      },
    );
  };
}
