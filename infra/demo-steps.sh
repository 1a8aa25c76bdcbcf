#!/usr/bin/env bash
# The demo's steps, the same on the host (infra/demo.sh) and in compose's `demo` service: a staged width investment
# (the data and training of examples/campaigns/demo.json, the policy of examples/policies/demo.json, the production
# price book examples/prices/production.json) with each decision printed as it is made, then the replay audit of its record, then
# the decision report, then where to look. Extra arguments go to `run` and override the spec's fields.
#   WIDTHRETRAIN_CLI        how to call the CLI (default: widthretrain), or WIDTHRETRAIN_CLI_DLL: its dll, run with dotnet
#   WIDTHRETRAIN_EXAMPLES   the folder of those three files (default: examples)
#   WIDTHRETRAIN_DEMO_OUT   where the files go (default: demo-output); WIDTHRETRAIN_DEMO_SHOWN_OUT names it for the user
set -euo pipefail
if [[ -n ${WIDTHRETRAIN_CLI_DLL:-} ]]; then cli=(dotnet "$WIDTHRETRAIN_CLI_DLL"); else read -r -a cli <<<"${WIDTHRETRAIN_CLI:-widthretrain}"; fi
examples=${WIDTHRETRAIN_EXAMPLES:-examples}
out=${WIDTHRETRAIN_DEMO_OUT:-demo-output}
shown=${WIDTHRETRAIN_DEMO_SHOWN_OUT:-$out}
mkdir -p "$out"
rm -f "$out/campaign.json"

"${cli[@]}" run --spec "$examples/campaigns/demo.json" --policy "$examples/policies/demo.json" \
  --prices "$examples/prices/production.json" --plot "$out/campaign.png" --json "$out/campaign.json" "$@"
# The campaign's id is the first "id" of the summary run wrote (no jq on a bare Debian).
id=$(sed -n 's/^ *"id": *"\([0-9a-f-]\{36\}\)".*/\1/p' "$out/campaign.json" | head -n 1)
[[ -n $id ]] || { echo "demo: no campaign id in $out/campaign.json" >&2; exit 1; }

echo
echo "Audit: the record is verified (hash chains, completeness) and every decision re-derived from its evidence"
"${cli[@]}" replay "$id"
echo
"${cli[@]}" report "$id" --out "$out/report"
# Whoever runs the demo next (the host after the container, or the other way round) may replace these files.
chmod -R a+rwX "$out/report" 2>/dev/null || true
echo
echo "Done. Campaign $id"
echo "  report:    $shown/report/report.html (and report.md, with its plots)"
echo "  dashboard: ${WIDTHRETRAIN_DEMO_DASHBOARD:-widthretrain dashboard, then open the URL it prints}"
echo "  again:     widthretrain show $id --rounds; widthretrain replay $id --policy FILE (another policy, no retraining)"
