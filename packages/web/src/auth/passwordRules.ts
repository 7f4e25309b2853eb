/** Same limits as the server's NewPassword schema (contracts/auth.ts). */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
