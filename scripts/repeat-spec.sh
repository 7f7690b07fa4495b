#!/usr/bin/env bash
# Runs one e2e spec N times, each as its own vitest run, and prints "pass"/"FAIL" per run and a tally — how the kill
# tests are shown to pass 10 of 10 (issue 16). Needs a build (npm run build). Logs go to test-results/repeat/.
# Usage: scripts/repeat-spec.sh <spec name, e.g. kill-review> [runs=10] [port=4481]
set -uo pipefail
cd "$(dirname "$0")/.."
spec="${1:?usage: scripts/repeat-spec.sh <spec> [runs] [port]}"
runs="${2:-10}"
port="${3:-4481}"
mkdir -p test-results/repeat
passed=0
for i in $(seq 1 "$runs"); do
	log="test-results/repeat/$spec-$i.log"
	if CALLQA_E2E_PORT="$port" npx vitest run --project e2e "tests/$spec.spec.ts" >"$log" 2>&1; then
		passed=$((passed + 1))
		echo "$spec run $i: pass"
	else
		echo "$spec run $i: FAIL (see $log)"
	fi
done
echo "$spec: $passed/$runs passed"
[ "$passed" -eq "$runs" ]
