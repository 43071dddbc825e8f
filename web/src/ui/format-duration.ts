/**
 * Waits for people ("15 minutes", not "894 seconds"). The formatter lives in @tollgate/shared so the
 * server's refusals ("try again in 15 minutes") and the screens say the same thing.
 */
export { formatDuration } from '@tollgate/shared';
