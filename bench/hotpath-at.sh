#!/usr/bin/env bash
# Runs `pnpm bench hotpath` on a committed tree (default HEAD), not on the working tree, so the counts
# belong to a commit even while uncommitted work sits in the checkout. The tree is checked out into a
# temporary git worktree that borrows this checkout's node_modules (symlinks), then removed. The
# counting code itself (bench/hotpath*.ts and what it imports) is copied from this checkout, so any
# older commit can be counted the same way (e.g. the commit before a hot-path change).
# Usage: bench/hotpath-at.sh [commit]   (HOTPATH_N, HOTPATH_ACCOUNTS, HOTPATH_IN_FLIGHT pass through)
set -euo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
commit=$(git -C "$root" rev-parse "${1:-HEAD}")
tree=$(mktemp -d /tmp/tollgate-hotpath-tree-XXXXXX)
cleanup() { git -C "$root" worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"; git -C "$root" worktree prune; }
trap cleanup EXIT
git -C "$root" worktree add --detach "$tree" "$commit" >/dev/null
for dir in . server shared bench web; do
  if [ -d "$root/$dir/node_modules" ]; then ln -s "$root/$dir/node_modules" "$tree/$dir/node_modules"; fi
done
for f in "$root"/bench/hotpath*.ts "$root"/bench/private-servers.ts "$root"/bench/gateway-support.ts; do cp "$f" "$tree/bench/"; done
echo "hot path counts at $(git -C "$root" log -1 --format='%h %cd' --date=iso-strict "$commit")"
cd "$tree/bench" && node --import @swc-node/register/esm-register hotpath-main.ts
