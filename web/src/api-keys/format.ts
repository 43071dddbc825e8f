/** How a key is recognised in lists: its public prefix, then an ellipsis for the hidden rest. */
export function displayPrefix(prefix: string): string {
  return prefix.endsWith('…') ? prefix : `${prefix}…`;
}

export { formatDateTime } from '../ui/format-date';
