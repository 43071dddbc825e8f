import type { ApiKey as ApiKeyEntity } from './api-key.entity.js';
import type { ApiKey, User } from './auth.types.js';
import type { User as UserEntity } from './user.entity.js';

export function toUser(user: UserEntity): User {
  return { id: user.id, email: user.email, role: user.role, tierCode: user.tierCode, createdAt: user.createdAt };
}

export function toApiKey(key: ApiKeyEntity): ApiKey {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: [...key.scopes],
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt ?? null,
    revokedAt: key.revokedAt ?? null,
  };
}
