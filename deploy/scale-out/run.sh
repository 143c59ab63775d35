#!/usr/bin/env bash
# Two stateless hromada instances behind nginx on one PostgreSQL, and what must hold then.
# Run from anywhere (CI runs it after the PostgreSQL tests):
#
#   bash deploy/scale-out/run.sh
#
# Starts, all on 127.0.0.1 and free ports, all in one temp dir removed on exit:
#   - a throwaway PostgreSQL (.ci/pg-cluster),
#   - an SMTP sink (aiosmtpd, smtp_sink.py),
#   - instance A (`hromada serve --demo`, which seeds the demo city) and instance B, on the
#     same database and the same storage folder, both running the outbox worker,
#   - nginx in the foreground with nginx.conf.template filled in (upstream = A and B).
# Then check.py checks, printing each as it passes and stopping at the first failure:
#   1. sessions: signed in on A, the session (and its CSRF token) works on B; signed out on B,
#      it is gone on A; through nginx one session is served by both instances;
#      files: a logo uploaded through A is served by B (shared storage), replaced on B, new on A;
#   2. translations: an override an admin sets on A is served by B at once (messages endpoint,
#      whose old ETag no longer matches, and the translations list), a reset on B shows on A;
#   3. e-mail: e-mails queued on A (registrations) and on B (password resets) each reach the
#      SMTP sink exactly once, though both instances run the outbox worker;
#   4. kill -9 of A in the middle of a vote storm through nginx: every vote answered 2xx is
#      stored, no (voter, project) twice, no ballot over the limit, counts consistent, votes
#      without an answer (A died with them) only around the kill, every GET through nginx
#      answered (retried on B), B answering throughout; then A is started again;
#   5. PostgreSQL stopped (fast) and started again under load (votes and reads through nginx
#      and at each instance): during the outage only 503 problem+json, no 500, nothing slower
#      than the connect timeout allows; afterwards both instances (the same processes) answer
#      again, the votes are consistent, and the outbox workers still deliver.
#
# Environment:
#   HROMADA_BIN        the binary (default ${CARGO_TARGET_DIR:-target}/debug/hromada, built
#                      with `cargo build --bin hromada` when missing)
#   NGINX              nginx binary (default: on PATH or /usr/sbin/nginx; as root, Debian's
#                      nginx-light or nginx is installed when missing)
#   SCALE_OUT_VOTERS   voters in the storm (150); SCALE_OUT_CONCURRENCY requests at a time (24)
#   SCALE_OUT_KEEP=1   keep the temp dir (logs) after a run
#   SCALE_OUT_LOG_LEVEL  the instances' log level (warn)
#   SCALE_OUT_TMPDIR   parent of the temp dir (/tmp; keep it short: PostgreSQL's socket lives there)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
cd "$ROOT"

STARTED_AT=$SECONDS
# Seconds the instances wait for a database connection (database.connect_timeout_secs): the
# longest a request may wait while PostgreSQL is down.
DB_TIMEOUT=3

say() { echo "scale-out: $*"; }
die() { echo "scale-out: FAIL: $*" >&2; exit 1; }
step() { echo; echo "== $*"; }

# ---------------------------------------------------------------------------------------------
# What is needed
# ---------------------------------------------------------------------------------------------

BIN=${HROMADA_BIN:-${CARGO_TARGET_DIR:-target}/debug/hromada}
if [[ ! -x $BIN ]]; then
    [[ -z ${HROMADA_BIN:-} ]] || die "HROMADA_BIN=$HROMADA_BIN is not an executable"
    say "building $BIN"
    cargo build --locked --bin hromada
fi
BIN=$(readlink -f -- "$BIN")

python3 -c 'import aiosmtpd' 2>/dev/null \
    || die "python3 cannot import aiosmtpd (python3 -m pip install aiosmtpd, or apt-get install python3-aiosmtpd)"

NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
if [[ ! -x $NGINX ]]; then
    [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1 \
        || die "nginx not found (apt-get install nginx-light, or set NGINX)"
    say "installing nginx"
    apt-get update -qq
    # The package's postinst may fail to start the system's nginx (port 80 taken, no init):
    # only the binary is needed here.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light \
        || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx \
        || true
    NGINX=/usr/sbin/nginx
    [[ -x $NGINX ]] || die "could not install nginx"
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# ---------------------------------------------------------------------------------------------
# Clean-up, also on failure
# ---------------------------------------------------------------------------------------------

WORK=$(mktemp -d "${SCALE_OUT_TMPDIR:-/tmp}/hromada-scale-out.XXXXXX")
# PostgreSQL runs as user postgres when we are root: it must reach its folder in here.
chmod 711 "$WORK"
PGDIR=$WORK/pg
A_PID= B_PID= NGINX_PID= SMTP_PID= CHECK_PID=

is_our_child() {  # is_our_child PID: the process still runs and this shell started it
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }  # after the command name: state, parent pid, ...
    # shellcheck disable=SC2086
    set -- $stat
    [[ $1 != Z && $2 == "$$" ]]
}

stop_pid() {  # stop_pid PID: TERM, up to 10 s, then KILL; only a process this script started
    local pid=$1
    [[ -n $pid ]] && is_our_child "$pid" || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 100); do
        is_our_child "$pid" || break
        sleep 0.1
    done
    if is_our_child "$pid"; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

show_log() {  # show_log FILE: its last lines, on failure
    [[ -s $1 ]] || return 0
    echo "--- last lines of ${1#"$WORK"/}:" >&2
    tail -n 25 "$1" >&2 || true
}

cleanup() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    if [[ $rc -ne 0 ]]; then
        for f in "$WORK"/a*.log "$WORK"/b.log "$WORK"/nginx/error.log "$WORK"/smtp.log \
            "$WORK"/pg-cluster.log "$PGDIR"/server.log; do
            show_log "$f"
        done
    fi
    stop_pid "$CHECK_PID"
    stop_pid "$NGINX_PID"
    stop_pid "$A_PID"
    stop_pid "$B_PID"
    stop_pid "$SMTP_PID"
    bash .ci/pg-cluster stop "$PGDIR" 2>>"$WORK/pg-cluster.log" \
        || echo "scale-out: warning: could not stop PostgreSQL in $PGDIR" >&2
    if [[ ${SCALE_OUT_KEEP:-0} == 1 ]]; then
        say "kept $WORK"
    else
        rm -rf -- "$WORK"
    fi
    if [[ $rc -eq 0 ]]; then
        say "all checks passed in $((SECONDS - STARTED_AT))s"
    else
        echo "scale-out: FAILED (exit $rc) after $((SECONDS - STARTED_AT))s" >&2
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# PostgreSQL, the SMTP sink, two instances, nginx
# ---------------------------------------------------------------------------------------------

step "starting PostgreSQL, an SMTP sink, instances A and B, nginx (temp dir $WORK)"
DB_URL=$(bash .ci/pg-cluster start "$PGDIR" 2>"$WORK/pg-cluster.log") \
    || die "could not start PostgreSQL"
PG_BINDIR=$(<"$PGDIR/ci.bindir")
say "PostgreSQL at $DB_URL"

SMTP_PORT=$(free_port)
python3 "$HERE/smtp_sink.py" "$SMTP_PORT" "$WORK/mail.jsonl" >"$WORK/smtp.log" 2>&1 &
SMTP_PID=$!
for _ in $(seq 1 100); do
    grep -q '^ready' "$WORK/smtp.log" 2>/dev/null && break
    kill -0 "$SMTP_PID" 2>/dev/null || die "the SMTP sink exited"
    sleep 0.1
done
grep -q '^ready' "$WORK/smtp.log" || die "the SMTP sink did not start"
say "SMTP sink on 127.0.0.1:$SMTP_PORT"

PORT_A=$(free_port)
PORT_B=$(free_port)
NGINX_PORT=$(free_port)
mkdir -p "$WORK/files"

# Settings from the caller's environment must not leak in (nor a hromada.toml: the instances
# run in the temp dir).
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^HROMADA(__|_CONFIG$)' || true)
export HROMADA__DATABASE__URL=$DB_URL
export HROMADA__DATABASE__MAX_CONNECTIONS=10
export HROMADA__DATABASE__CONNECT_TIMEOUT_SECS=$DB_TIMEOUT
export HROMADA__SERVER__TRUST_FORWARDED_FOR=true
export HROMADA__SERVER__PUBLIC_URL=http://127.0.0.1:$NGINX_PORT
export HROMADA__SERVER__SHUTDOWN_TIMEOUT_SECS=3
export HROMADA__AUTH__COOKIE_SECURE=false
export HROMADA__STORAGE__KIND=local
export HROMADA__STORAGE__PATH=$WORK/files
export HROMADA__SMTP__HOST=127.0.0.1
export HROMADA__SMTP__PORT=$SMTP_PORT
export HROMADA__SMTP__TLS=none
export HROMADA__SMTP__TIMEOUT_SECS=5
export HROMADA__OUTBOX__POLL_INTERVAL_MS=250
export HROMADA__LOG__LEVEL=${SCALE_OUT_LOG_LEVEL:-warn}
export NO_COLOR=1

start_instance() {  # start_instance PORT LOG [--demo]; sets STARTED_PID
    local port=$1 log=$2
    shift 2
    (cd "$WORK" && exec "$BIN" serve --bind "127.0.0.1:$port" "$@") >"$log" 2>&1 &
    STARTED_PID=$!
    # Out of the job table: bash would otherwise announce A's kill -9 ("Killed"); stop_pid
    # does not need `wait`.
    disown "$STARTED_PID"
}

wait_ready() {  # wait_ready NAME PORT PID
    local name=$1 port=$2 pid=$3
    for _ in $(seq 1 300); do
        curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/readyz" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || die "instance $name exited while starting"
        sleep 0.2
    done
    die "instance $name was not ready within 60s"
}

# A first and alone: it applies the migrations and seeds the demo city.
start_instance "$PORT_A" "$WORK/a.log" --demo
A_PID=$STARTED_PID
wait_ready A "$PORT_A" "$A_PID"
ADMIN_PASSWORD=$(awk '$1 == "city" && $2 == "admin" { print $4; exit }' "$WORK/a.log")
RESIDENT_LOGIN=$(awk '$1 == "resident" { print $2; exit }' "$WORK/a.log")
RESIDENT_PASSWORD=$(awk '$1 == "resident" { print $3; exit }' "$WORK/a.log")
[[ -n $ADMIN_PASSWORD && -n $RESIDENT_PASSWORD ]] || die "instance A did not print the demo sign-ins"
start_instance "$PORT_B" "$WORK/b.log"
B_PID=$STARTED_PID
wait_ready B "$PORT_B" "$B_PID"
say "instance A on 127.0.0.1:$PORT_A (pid $A_PID), B on 127.0.0.1:$PORT_B (pid $B_PID)"

mkdir -p "$WORK/nginx"
chmod 755 "$WORK/nginx"
sed -e "s|@DIR@|$WORK/nginx|g" -e "s|@PORT@|$NGINX_PORT|g" \
    -e "s|@PORT_A@|$PORT_A|g" -e "s|@PORT_B@|$PORT_B|g" \
    "$HERE/nginx.conf.template" >"$WORK/nginx/nginx.conf"
NGINX_ARGS=(-p "$WORK/nginx/" -c "$WORK/nginx/nginx.conf")
# -e (nginx >= 1.19.5) keeps even start-up messages out of the system's log folder.
if "$NGINX" -h 2>&1 | grep -q -- '-e filename'; then
    NGINX_ARGS+=(-e "$WORK/nginx/error.log")
fi
"$NGINX" -t -q "${NGINX_ARGS[@]}" 2>>"$WORK/nginx/error.log" || die "nginx rejects the configuration"
"$NGINX" "${NGINX_ARGS[@]}" >>"$WORK/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
for _ in $(seq 1 100); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$NGINX_PORT/healthz" 2>/dev/null && break
    kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited while starting"
    sleep 0.1
done
curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$NGINX_PORT/healthz" || die "nginx does not answer"
say "nginx on 127.0.0.1:$NGINX_PORT ($("$NGINX" -v 2>&1 | sed 's/.*version: //'))"

export SO_NGINX=http://127.0.0.1:$NGINX_PORT
export SO_A=http://127.0.0.1:$PORT_A SO_B=http://127.0.0.1:$PORT_B
export SO_A_PID=$A_PID SO_B_PID=$B_PID
export SO_PSQL=$PG_BINDIR/psql SO_DB_URL=$DB_URL SO_PG_BINDIR=$PG_BINDIR SO_PGDATA=$PGDIR
export SO_SMTP_FILE=$WORK/mail.jsonl SO_DB_TIMEOUT=$DB_TIMEOUT
export SO_ADMIN_LOGIN=+380500000002 SO_ADMIN_PASSWORD=$ADMIN_PASSWORD
export SO_RESIDENT_LOGIN=$RESIDENT_LOGIN SO_RESIDENT_PASSWORD=$RESIDENT_PASSWORD
export SO_VOTERS=${SCALE_OUT_VOTERS:-150} SO_CONCURRENCY=${SCALE_OUT_CONCURRENCY:-24}
check() {  # in the background, so that a signal to this script is handled at once
    python3 "$HERE/check.py" "$@" &
    CHECK_PID=$!
    wait "$CHECK_PID"
}

# ---------------------------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------------------------

step "1. a session opened on A works on B; signed out on B, it ends on A"
check session
step "1b. a file uploaded through A is served by B (one storage folder)"
check storage
step "2. a translation changed by an admin on A is served by B"
check translation
step "3. e-mails queued on A and B are delivered exactly once by two outbox workers"
check email
step "4. kill -9 of instance A during a vote storm through nginx"
check storm
start_instance "$PORT_A" "$WORK/a2.log"
A_PID=$STARTED_PID
wait_ready A "$PORT_A" "$A_PID"
export SO_A_PID=$A_PID
say "instance A started again (pid $A_PID)"
step "5. PostgreSQL stopped and started under load"
check pg-restart
