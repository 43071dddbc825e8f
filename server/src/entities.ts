import { ApiKey } from './modules/auth/api-key.entity.js';
import { User } from './modules/auth/user.entity.js';

/** Every entity, listed explicitly (TOOLCHAIN.md: discovery by folder breaks between ts and js). */
export const entities = [User, ApiKey];
