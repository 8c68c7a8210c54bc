#!/usr/bin/env bash
# No Docker engine runs where we build, so this proves the image's recipe another way.
# Static checks: .dockerignore keeps secrets, data and build output out of the build context; the
# image build does not run the tests (CI does); the restore layer has every file restore needs;
# the compose file's `environment:` sets no key that .env documents (it would silently win).
# Then it runs the Dockerfile's own restore and publish lines, starts the result the way
# ENTRYPOINT/CMD do, as a non-root user owning a /data-like folder, with the environment a
# container gets (Dockerfile ENV, then the .env that compose's env_file passes, then compose's
# environment:), waits until the HEALTHCHECK command passes and /healthz answers on the port the
# .env asked for, checks the database and the key file are in /data, and stops it with SIGTERM.
# Prints "publish-smoke: passed" or "publish-smoke: failed: <why>" and exits 0/1.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
root=$(mktemp -d)
pid=""
created_user=""
cleanup() {
  [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
  rm -rf "$root"
  [ -n "$created_user" ] && userdel "$created_user" 2>/dev/null
  return 0
}
trap cleanup EXIT
fail() { echo "publish-smoke: failed: $*"; exit 1; }
problems=()

# --- .dockerignore, with Docker's matching rules: ** spans folders, * and ? stay inside one,
# a path is excluded when it or a parent folder matches, the last matching line wins, ! re-includes.
declare -a ignore_regex=() ignore_negated=()
if [ -f .dockerignore ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    line=$(echo "$line" | sed -E 's/^[[:space:]]+//; s/[[:space:]]+$//')
    [ -z "$line" ] || [ "${line:0:1}" = "#" ] && continue
    negated=0
    [ "${line:0:1}" = "!" ] && { negated=1; line=${line:1}; }
    line=${line#/}; line=${line%/}
    regex=$(printf '%s' "$line" | sed -E 's/[.+^$(){}|]/\\&/g; s#\*\*/#\x01#g; s#\*\*#\x02#g; s#\*#[^/]*#g; s#\?#[^/]#g; s#\x01#(.*/)?#g; s#\x02#.*#g')
    ignore_regex+=("^${regex}\$"); ignore_negated+=("$negated")
  done < .dockerignore
fi
ignored() { # ignored PATH -> 0 when the build context leaves PATH out
  local path=$1 candidate excluded=1 i
  candidate=$path
  while :; do
    for i in "${!ignore_regex[@]}"; do
      if [[ $candidate =~ ${ignore_regex[$i]} ]]; then
        [ "${ignore_negated[$i]}" = 1 ] && excluded=1 || excluded=0
      fi
    done
    [ "$excluded" = 0 ] && return 0
    [[ $candidate == */* ]] || return 1
    candidate=${candidate%/*}
    excluded=1
  done
}
if [ ! -f .dockerignore ]; then
  problems+=("no .dockerignore: tokens, the database and the key file go into the build context")
else
  for path in .env docker/.env stockbot.db data/stockbot.db data/stockbot.db-wal src/StockBot.Host/stockbot.db-shm \
      stockbot.key data/stockbot.key data/anything src/StockBot.Host/bin/Release/net10.0/stockbot.dll \
      src/StockBot.Core/obj/project.assets.json tests/StockBot.Core.Tests/bin/Debug/x.dll .git .git/HEAD; do
    ignored "$path" || problems+=(".dockerignore lets $path into the build context")
  done
  if command -v git > /dev/null && git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
    while IFS= read -r path; do
      ignored "$path" && problems+=(".dockerignore leaves out $path, which the image build needs")
    done < <(git ls-files src Directory.Build.props Directory.Packages.props .editorconfig)
  fi
fi

# --- The Dockerfile's build stage.
grep -Eq '^RUN .*dotnet test' docker/Dockerfile && problems+=("the image build runs the tests (CI does that)")
restore=$(grep -E '^RUN dotnet restore ' docker/Dockerfile | head -1 | sed 's/^RUN //') || true
publish=$(grep -E '^RUN dotnet publish ' docker/Dockerfile | head -1 | sed 's/^RUN //') || true
[ -n "$restore" ] || problems+=("no 'RUN dotnet restore' line in docker/Dockerfile (the cached restore layer)")
[ -n "$publish" ] || problems+=("no 'RUN dotnet publish' line in docker/Dockerfile")

# --- compose: env_file must be able to set every key .env documents, so environment: sets none of them.
documented=$(grep -Eo '^#? *[A-Za-z_][A-Za-z0-9_]*=' .env.example | sed -E 's/^#? *//; s/=$//' | sort -u)
declare -a compose_env=()
while IFS= read -r line; do
  compose_env+=("$line")
  key=$(echo "$line" | sed -E 's/^ *([A-Za-z0-9_]+): *.*$/\1/')
  grep -qx "$key" <<< "$documented" && problems+=("docker-compose.yml's environment: sets $key, overriding the value in .env")
done < <(awk '/^    environment:/{f=1;next} f&&/^    [a-z_]+:/{f=0} f&&/^      [A-Za-z0-9_]+:/{print}' docker/docker-compose.yml)
grep -Eq '^    env_file:' docker/docker-compose.yml || problems+=("docker-compose.yml has no env_file")

if [ "${#problems[@]}" -gt 0 ]; then
  printf 'publish-smoke: %s\n' "${problems[@]}"
  fail "${#problems[@]} problem(s) in the image recipe"
fi

# --- The restore layer: only the files COPY'd before `RUN dotnet restore` (COPY --parents keeps folders).
mkdir -p "$root/context"
while IFS= read -r line; do
  parents=0
  [[ $line == *"--parents"* ]] && parents=1
  read -ra words <<< "$(echo "$line" | sed -E 's/^COPY +//; s/--[a-z]+(=[^ ]*)? *//g')"
  for pattern in "${words[@]:0:${#words[@]}-1}"; do
    for file in $pattern; do
      [ -e "$file" ] || fail "the restore layer copies $pattern, which matches nothing"
      if [ "$parents" = 1 ]; then mkdir -p "$root/context/$(dirname "$file")"; cp "$file" "$root/context/$file"
      else cp "$file" "$root/context/"; fi
    done
  done
done < <(awk '/^FROM .* AS build/{f=1;next} f&&/^RUN dotnet restore /{exit} f&&/^COPY /{print}' docker/Dockerfile)
(cd "$root/context" && eval "$restore") > "$root/restore.log" 2>&1 \
  || { tail -20 "$root/restore.log"; fail "restore fails with only the files the restore layer copies"; }

# --- Restore and publish as the Dockerfile does (here in the checkout, with /app in the temporary folder).
publish=${publish// \/app/ $root/app}
echo "publish-smoke: $restore && $publish"
eval "$restore && $publish" > "$root/publish.log" 2>&1 || { tail -20 "$root/publish.log"; fail "publish failed"; }

# ENTRYPOINT + CMD, as JSON arrays in the Dockerfile.
entry=$(grep -E '^ENTRYPOINT ' docker/Dockerfile | sed -E 's/^ENTRYPOINT \[(.*)\]/\1/; s/"//g; s/, / /g')
cmd=$(grep -E '^CMD ' docker/Dockerfile | sed -E 's/^CMD \[(.*)\]/\1/; s/"//g; s/, / /g')
health=$(grep -E '^HEALTHCHECK ' docker/Dockerfile | sed -E 's/.* CMD \[(.*)\]/\1/; s/"//g; s/, / /g')
entry=${entry//\/app\//$root/app/}
health=${health//\/app\//$root/app/}

# --- The container's environment, in the order Docker applies it, with /data mapped to the temporary folder.
data="$root/data"
declare -A settings=()
set_value() { settings[$1]=${2//\/data/$data}; }
while IFS= read -r pair; do
  key=${pair%%=*}; value=${pair#*=}; value=${value#\"}; value=${value%\"}
  set_value "$key" "$value"
done < <(awk '/^ENV /{f=1} f{print} f&&!/\\$/{f=0}' docker/Dockerfile | sed -E 's/^ENV +//; s/\\$//' \
  | grep -Eo '[A-Za-z_][A-Za-z0-9_]*=("[^"]*"|[^ ]*)')

# The operator's .env: .env.example as the README says to copy it, a short interval, the health listener on.
port=$((20000 + RANDOM % 20000))
sed -E "s#^Monitoring__Interval=.*#Monitoring__Interval=00:00:02#; s#^Health__Urls=.*#Health__Urls=http://127.0.0.1:$port#" \
  .env.example > "$root/.env"
# env_file, as compose reads it: KEY=VALUE lines, # comments, quotes around a value dropped.
while IFS= read -r line || [ -n "$line" ]; do
  line=${line%$'\r'}
  [[ $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
  key=${BASH_REMATCH[2]}; value=${BASH_REMATCH[3]}
  if [[ $value =~ ^\"(.*)\"$ ]] || [[ $value =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}
  else value=$(echo "$value" | sed -E 's/[[:space:]]+#.*$//; s/[[:space:]]+$//'); fi
  set_value "$key" "$value"
done < "$root/.env"
for line in "${compose_env[@]}"; do
  key=$(echo "$line" | sed -E 's/^ *([A-Za-z0-9_]+): *"?([^"]*)"?$/\1/')
  value=$(echo "$line" | sed -E 's/^ *([A-Za-z0-9_]+): *"?([^"]*)"?$/\2/')
  set_value "$key" "$value"
done

# --- A non-root user owning /data, like the image's `app` user (as root, a throwaway system user).
run_as=()
if [ "$(id -u)" = 0 ]; then
  user=stockbot-smoke
  if ! id "$user" > /dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$user" || fail "cannot create the user $user"
    created_user=$user
  fi
  run_as=(setpriv "--reuid=$user" "--regid=$(id -g "$user")" --init-groups)
else
  user=$(id -un)
fi
chmod 755 "$root"
mkdir -p "$data" "$root/home"
chown "$user" "$data" "$root/home"
chmod 700 "$data"
declare -a envs=("PATH=$PATH" "HOME=$root/home")
for key in "${!settings[@]}"; do envs+=("$key=${settings[$key]}"); done

cd "$data"
"${run_as[@]}" env -i "${envs[@]}" $entry $cmd > "$root/run.log" 2>&1 &
pid=$!
healthy=0
for _ in $(seq 1 60); do
  sleep 1
  kill -0 "$pid" 2>/dev/null || { cat "$root/run.log"; fail "the bot exited before it became healthy"; }
  if "${run_as[@]}" env -i "${envs[@]}" $health > "$root/health.log" 2>&1; then healthy=1; break; fi
done
[ "$healthy" = 1 ] || { cat "$root/health.log" "$root/run.log"; fail "not healthy within 60 s"; }
echo "publish-smoke: $(cat "$root/health.log")"

# /healthz on the port only the .env named: proves env_file's values reach the app.
status=""
if exec 3<> "/dev/tcp/127.0.0.1/$port"; then
  printf 'GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
  IFS= read -r status <&3
  exec 3<&-
fi
[[ $status == *" 200"* ]] || fail "no 200 from /healthz on the port the .env set (got: ${status:-nothing})"

for file in stockbot.db stockbot.key; do
  [ -f "$data/$file" ] || fail "no $file in the /data volume"
  [ "$(stat -c %U "$data/$file")" = "$user" ] || fail "$file in /data is not owned by $user"
done

start=$(date +%s)
kill -TERM "$pid"
wait "$pid"; code=$?
pid=""
took=$(( $(date +%s) - start ))
[ "$code" = 0 ] || { tail -20 "$root/run.log"; fail "exit code $code after SIGTERM"; }
[ "$took" -le 10 ] || fail "stopping took ${took} s (over 10 s)"
cd "$repo"
echo "publish-smoke: passed (as $user, healthy, database and key in /data, stopped in ${took} s with exit 0)"
