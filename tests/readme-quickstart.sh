#!/usr/bin/env bash
# The README's quick start, as a new user follows it: install the `stockbot` command the way the README says,
# run the "sample data" block and then the "first real site" block exactly as written (only the line that
# holds the user's own values is given the simulator's instead), against `stockbot simulate`, in an empty
# folder; then wait for the first alert. Prints "readme-quickstart: passed (...timings...)" or
# "readme-quickstart: failed: <why>" and exits 0/1.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
work=$(mktemp -d)
sim_pid=""
cleanup() {
  [ -n "$sim_pid" ] && kill -TERM "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
  rm -rf "$work"
  return 0
}
trap cleanup EXIT
fail() { echo "readme-quickstart: failed: $*"; [ -f "$work/log" ] && tail -20 "$work/log"; exit 1; }
now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# The fenced bash block after `<!-- readme-test: NAME -->`.
block() {
  awk -v tag="<!-- readme-test: $1 -->" '$0 == tag { found = 1; next } found && /^```bash/ { inside = 1; next } inside && /^```/ { exit } inside { print }' README.md
}
sample=$(block sample-data); first=$(block first-site)
[ -n "$sample" ] || fail "README has no 'sample-data' block"
[ -n "$first" ] || fail "README has no 'first-site' block"

# "The stockbot command": pack and install as the README says (into a folder of our own, not ~/.dotnet/tools).
started=$(now)
dotnet pack src/StockBot.Host -c Release -o "$work/nupkg" -v q -nologo >"$work/log" 2>&1 || fail "dotnet pack"
dotnet tool install --tool-path "$work/tools" --add-source "$work/nupkg" StockBot >>"$work/log" 2>&1 || fail "dotnet tool install"
export PATH="$work/tools:$PATH"
install_s=$(took "$started")
command -v stockbot >/dev/null || fail "no stockbot command after the install"

# A user's own, empty folder: data/ (and a .env, if they wrote one) are its own.
mkdir -p "$work/user"
cd "$work/user"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

started=$(now)
bash -euo pipefail -c "$sample" >>"$work/log" 2>&1 || fail "the sample-data block"
sample_s=$(took "$started")
[ -f data/stockbot.db ] || fail "the sample-data block made no data/stockbot.db"
[ -f h.png ] || fail "the sample-data block drew no h.png"

stockbot simulate --move-seconds 2 >"$work/sim.out" 2>&1 &
sim_pid=$!
for _ in $(seq 1 300); do grep -q '^Serving' "$work/sim.out" && break; sleep 0.2; done
grep -q '^Serving' "$work/sim.out" || fail "stockbot simulate did not start: $(cat "$work/sim.out")"
SITE_URL=$(sed -n 's/^url=//p' "$work/sim.out")
API_ID=$(sed -n 's/^api_identifier=//p' "$work/sim.out")
API_SECRET=$(sed -n 's/^api_secret=//p' "$work/sim.out")
export SITE_URL API_ID API_SECRET

# Every line but the one the README asks the user to fill in with their own values.
steps=$(printf '%s\n' "$first" | grep -v '^SITE_URL=')
[ "$(printf '%s\n' "$first" | grep -c '^SITE_URL=')" -eq 1 ] || fail "the first-site block should set SITE_URL, API_ID and API_SECRET on one line"
started=$(now)
bash -euo pipefail -c "$steps" >>"$work/log" 2>&1 || fail "the first-site block"

# The first alert: the simulated store moves stock every 2 s; each check reads it once.
alerted=0
for _ in $(seq 1 30); do
  stockbot check >>"$work/log" 2>&1 || fail "stockbot check"
  if stockbot history 1 --events --json 2>>"$work/log" | grep '"event_type"' | grep -qv 'stock_initialized'; then
    alerted=1; break
  fi
  sleep 1
done
[ "$alerted" -eq 1 ] || fail "no stock change was alerted within 30 checks"
first_s=$(took "$started")
grep -q "waiting for a bot that is off" "$work/log" || fail "check did not say the alert waits for the Telegram bot"

echo "readme-quickstart: passed (pack + install ${install_s} s, sample-data block ${sample_s} s, first site to first alert ${first_s} s)"
