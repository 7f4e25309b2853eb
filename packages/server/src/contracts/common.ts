import { z } from 'zod';

/** Roles a logged-in user can have; the public has no account. */
export const ROLES = ['district_admin', 'inspector', 'street_admin', 'village_user', 'judge'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Kinds of organisation units, with the Chinese words the workbook uses. */
export const UNIT_TYPES = ['district', 'street', 'village', 'community', 'department', 'household'] as const;
export const UnitType = z.enum(UNIT_TYPES);
export type UnitType = z.infer<typeof UnitType>;

/** Every error the API returns has this shape; `field` names the offending input when there is one. */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    details: z
      .array(
        z.object({
          sheet: z.string().optional(),
          row: z.number().optional(),
          column: z.string().optional(),
          message: z.string(),
        }),
      )
      .optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

export const Ok = z.object({ ok: z.literal(true) });
export const IdParams = z.object({ id: z.string().min(1).max(64) });
