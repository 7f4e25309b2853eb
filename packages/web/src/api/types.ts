/**
 * API types, imported as types only from the server's zod contracts so no server code is bundled.
 */
export type {
  ApiError as ApiErrorBody,
  AuditEntryView,
  AuditVerifyView,
  ChangePasswordBody,
  ContestGroupView,
  CreateUnitBody,
  CreateUserBody,
  ImportResultView,
  LoginBody,
  MetaView,
  MoveUnitBody,
  ResetPasswordBody,
  Role,
  SessionUser,
  SessionView,
  UnitDetailView,
  UnitHistoryEntry,
  UnitType,
  UnitView,
  UpdateUnitBody,
  UpdateUserBody,
  UserView,
} from '@wuxing/server/contracts/index';

import type { ApiError as ApiErrorBody } from '@wuxing/server/contracts/index';

/** One row of an import error report: where in the workbook, and what is wrong. */
export type ApiErrorDetail = NonNullable<ApiErrorBody['error']['details']>[number];
