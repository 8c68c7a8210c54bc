#!/usr/bin/env bash
# No Docker engine runs where we build, so this proves the image's recipe another way: it runs the
# Dockerfile's own `dotnet publish` line, starts the published binary the way ENTRYPOINT/CMD do,
# with the compose file's environment (/data mapped to a temporary folder), waits until the
# Dockerfile's HEALTHCHECK command passes, then stops it with SIGTERM as `docker stop` would.
# Prints "publish-smoke: passed" or "publish-smoke: failed: <why>" and exits 0/1.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(mktemp -d)
fail() { echo "publish-smoke: failed: $*"; [ -n "${pid:-}" ] && kill -KILL "$pid" 2>/dev/null; exit 1; }

publish=$(grep -E '^RUN dotnet publish ' docker/Dockerfile | head -1 | sed 's/^RUN //') || true
[ -n "$publish" ] || fail "no 'RUN dotnet publish' line in docker/Dockerfile"
publish=${publish// \/app/ $root/app}
echo "publish-smoke: $publish"
eval "$publish" > "$root/publish.log" 2>&1 || { tail -20 "$root/publish.log"; fail "publish failed"; }

# ENTRYPOINT + CMD, as JSON arrays in the Dockerfile.
entry=$(grep -E '^ENTRYPOINT ' docker/Dockerfile | sed -E 's/^ENTRYPOINT \[(.*)\]/\1/; s/"//g; s/, / /g')
cmd=$(grep -E '^CMD ' docker/Dockerfile | sed -E 's/^CMD \[(.*)\]/\1/; s/"//g; s/, / /g')
health=$(grep -E '^HEALTHCHECK ' docker/Dockerfile | sed -E 's/.* CMD \[(.*)\]/\1/; s/"//g; s/, / /g')
entry=${entry//\/app\//$root/app/}
health=${health//\/app\//$root/app/}

# The compose file's environment block, with /data mapped to the temporary folder.
mkdir -p "$root/data"
declare -a envs=("Monitoring__Interval=00:00:02")
while IFS= read -r line; do
  key=$(echo "$line" | sed -E 's/^ *([A-Za-z0-9_]+): *"?([^"]*)"?$/\1/')
  value=$(echo "$line" | sed -E 's/^ *([A-Za-z0-9_]+): *"?([^"]*)"?$/\2/')
  [ "$key" = "Monitoring__Interval" ] && continue
  envs+=("$key=${value//\/data/$root/data}")
done < <(awk '/^    environment:/{f=1;next} f&&/^    [a-z_]+:/{f=0} f&&/^      [A-Za-z0-9_]+:/{print}' docker/docker-compose.yml)

cd "$root/data"
env "${envs[@]}" $entry $cmd > "$root/run.log" 2>&1 &
pid=$!
healthy=0
for _ in $(seq 1 60); do
  sleep 1
  kill -0 "$pid" 2>/dev/null || { cat "$root/run.log"; fail "the bot exited before it became healthy"; }
  if env "${envs[@]}" $health > "$root/health.log" 2>&1; then healthy=1; break; fi
done
[ "$healthy" = 1 ] || { cat "$root/health.log"; fail "not healthy within 60 s"; }
echo "publish-smoke: $(cat "$root/health.log")"
[ -f "$root/data/stockbot.db" ] || fail "no database in the /data volume"

start=$(date +%s)
kill -TERM "$pid"
wait "$pid"; code=$?
took=$(( $(date +%s) - start ))
[ "$code" = 0 ] || { tail -20 "$root/run.log"; fail "exit code $code after SIGTERM"; }
[ "$took" -le 10 ] || fail "stopping took ${took} s (over 10 s)"
echo "publish-smoke: passed (healthy, stopped in ${took} s with exit 0)"
rm -rf "$root"
