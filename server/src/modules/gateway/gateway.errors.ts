import { DomainError } from '../../platform/errors.js';

/** The model's provider is not configured, or it (and every fallback) failed. Nothing is charged. */
export class ProviderUnavailableError extends DomainError {
  constructor(message: string) {
    super('PROVIDER_UNAVAILABLE', message);
  }
}
