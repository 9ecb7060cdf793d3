#!/usr/bin/env bash
# Only libs/config may read process.env (docs/architecture.md#boundaries). Test tooling and scripts are exempt.
set -euo pipefail
hits=$(grep -rn --include='*.ts' 'process\.env' apps libs | grep -v '^libs/config/' | grep -v '^libs/testing/' | grep -Ev '^[^:]+:[0-9]+:\s*(\*|//)' || true)
if [ -n "$hits" ]; then
  echo "process.env read outside libs/config:" >&2
  echo "$hits" >&2
  exit 1
fi
