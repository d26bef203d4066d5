export { buildApp } from './app.js';
export type { AppOptions } from './app.js';
export { Authenticator, hashKey } from './auth.js';
export type { ApiKeyStore, Principal } from './auth.js';
export { ERRORS, ApiError } from './errors.js';
export type { ErrorCode } from './errors.js';
export { gatewaySettingsSchema } from './settings.js';
export type { GatewaySettings } from './settings.js';
