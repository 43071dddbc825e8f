import { ApiKeyResolver } from './modules/auth/api-key.resolver.js';
import { AuthResolver } from './modules/auth/auth.resolver.js';

export const resolvers = [AuthResolver, ApiKeyResolver] as const;
