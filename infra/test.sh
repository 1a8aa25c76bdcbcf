#!/usr/bin/env bash
# Runs every test of the solution: installs what the tests need, builds once, runs all test projects.
# Without the .NET SDK but with Docker, runs the same inside the project's image.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null && command -v docker >/dev/null; then
  exec docker compose run --rm --build tests
fi

bash infra/setup.sh
dotnet build WidthRetrain.sln -c Release -nologo -clp:ErrorsOnly
log=$(mktemp)
status=0
dotnet test WidthRetrain.sln -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?
# One plain closing line for any reader: the sum over all test projects.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [[ $status -eq 0 && $passed -eq 0 ]]; then
  echo "no test ran" >&2
  exit 1
fi
exit $status
