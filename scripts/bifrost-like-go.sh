#!/usr/bin/env bash
# Runs a go command (vet, test…) on every module of examples/bifrost-like, the way a
# bifrost checkout is built: in a Go workspace of its own modules, and with ui/ filled by a
# placeholder through -overlay. Both files are made in a temporary directory, so the
# example is left as committed.  Usage: scripts/bifrost-like-go.sh vet | test [flags]
set -euo pipefail
example="$(cd "$(dirname "$0")/../examples/bifrost-like" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

modules=()
while IFS= read -r gomod; do modules+=("$(dirname "$gomod")"); done \
  < <(find "$example" -name go.mod -not -path '*/node_modules/*' | sort)

{
  printf 'go 1.26\n\nuse (\n'
  printf '\t%s\n' "${modules[@]}"
  printf ')\n'
} > "$work/go.work"
: > "$work/empty"
printf '{"Replace":{"%s/transports/bifrost-http/ui/.placeholder":"%s/empty"}}\n' "$example" "$work" \
  > "$work/overlay.json"

for module in "${modules[@]}"; do
  echo "go $* (${module#"$example"/})"
  (cd "$module" && GOWORK="$work/go.work" go "$@" -overlay "$work/overlay.json" ./...)
done
