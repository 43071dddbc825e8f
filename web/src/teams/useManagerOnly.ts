import { useActingAccess } from '../api-keys/useActingAccess';
import { managerOnly, type ManagerOnly } from './manager-only';

/** Whether the acting person may only look at the acting team's billing (see `managerOnly`). */
export function useManagerOnly(): ManagerOnly {
  return managerOnly(useActingAccess());
}
