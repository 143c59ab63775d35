#!/usr/bin/env bash
# Benchmarks (they measure; they assert nothing, except that the Kyiv-sized tally is right).
# Run from the repository root:
#
#   bash tests/bench/run.sh [MODE...]    MODE: votes, list, sqlite, kyiv, tally or all (default)
#
# Several modes run one after another in one run; `all` is votes list sqlite kyiv tally.
# Each of votes, list, sqlite and kyiv starts its own release `hromada serve --demo` (working
# directory a fresh temp dir) and reports the server's memory under the load: its resident
# set right after start-up, and its peak under the load (VmHWM, reset through
# /proc/PID/clear_refs when the load starts, so start-up and seeding do not count).
#
# votes:  a throwaway PostgreSQL (.ci/pg-cluster), the server on it, then tests/bench/votes.rs
#         casts votes over HTTP from many concurrent voters while nothing else runs, and
#         pgbench runs a single-row INSERT on the same database with the same number of
#         clients. Prints both rates and their ratio.
# list:   the same set-up; tests/bench/list.rs tops the demo session up to BENCH_LIST_PROJECTS
#         public projects, then loads the catalogue's first page (anonymous, the page's own
#         query) and a Poem hello-world started in the bench, with the same client and
#         concurrency. Prints both rates, latencies, the response size and the ratio.
# sqlite: tests/bench/votes.rs against the server on its default embedded SQLite database
#         (./data/hromada.db in the temp dir, default pool).
# kyiv:   tests/bench/kyiv.rs on PostgreSQL: a Kyiv-sized vote (191,000 voters, 650,000 ballots
#         of 5 votes over 22 pots and 1,600 projects) imported as paper ballots through the
#         HTTP API, voting closed, the results computed by a moderator; both timed, and the
#         tally checked against the generated ballots (the bench fails on any difference).
# tally:  tests/bench/tally.rs on a Kyiv-sized pot (1,600 projects, 650,000 ballots of 5 votes)
#         under each rule, beside pabutools when it is installed (BENCH_PABUTOOLS_TIMEOUT
#         seconds per rule, default 600).
#
# Knobs: BENCH_VOTERS (2000), BENCH_CONCURRENCY (64, also for list), BENCH_SECONDS (pgbench,
#        20), BENCH_LIST_PROJECTS (1600), BENCH_LIST_SECONDS (20), BENCH_KYIV_VOTERS (191000),
#        BENCH_KYIV_BALLOTS (650000), BENCH_KYIV_PROJECTS (1600), BENCH_KYIV_CONCURRENCY (2),
#        BENCH_KYIV_RULE (greedy), BENCH_PROJECTS (1600) and BENCH_BALLOTS (650000) for tally.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

modes=("$@")
[[ ${#modes[@]} -eq 0 || " ${modes[*]} " == *" all "* ]] && modes=(votes list sqlite kyiv tally)
for mode in "${modes[@]}"; do
    case $mode in
        votes | list | sqlite | kyiv | tally) ;;
        *) echo "usage: $0 [votes|list|sqlite|kyiv|tally|all]..." >&2; exit 2 ;;
    esac
done
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
VOTERS=${BENCH_VOTERS:-2000}
CONCURRENCY=${BENCH_CONCURRENCY:-64}
SECONDS_PGBENCH=${BENCH_SECONDS:-20}
LIST_PROJECTS=${BENCH_LIST_PROJECTS:-1600}
LIST_SECONDS=${BENCH_LIST_SECONDS:-20}

# The server binary, copied once built: another build in the same target directory cannot
# swap it in the middle of a run.
hromada=
build() {
    [[ -n $hromada ]] && return
    cargo build --release --locked --bin hromada
    hromada=$(mktemp)
    cp "$CARGO_TARGET_DIR/release/hromada" "$hromada"
    chmod 755 "$hromada"
    cargo bench --locked --bench votes --bench list --bench kyiv --no-run
}

# start_server DIR POOL [DATABASE_URL]: the release server with the demo city, working
# directory DIR, on a free port; without a URL, on its default SQLite database. Sets
# server_pid and server_url.
start_server() {
    local dir=$1 pool=$2 url=${3:-} port
    local args=(serve --demo)
    [[ -n $url ]] && args+=(--database-url "$url")
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    (cd "$dir" && HROMADA__AUTH__COOKIE_SECURE=false HROMADA__DATABASE__MAX_CONNECTIONS=$pool \
        HROMADA__LOG__LEVEL=warn exec "$hromada" "${args[@]}" --bind "127.0.0.1:$port") \
        >"$dir/server.log" 2>&1 &
    server_pid=$!
    server_url=http://127.0.0.1:$port
    for _ in $(seq 1 150); do
        curl -fsS "$server_url/readyz" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    cat "$dir/server.log" >&2
    echo "the server did not start" >&2
    return 1
}

stop_server() {
    [[ -n ${server_pid:-} ]] || return 0
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
}

# A mode's temp dir (with a PostgreSQL cluster in tmp/pg when it has one); cleaned up at the
# end of the mode, and on exit whatever happens.
tmp=
new_tmp() { tmp=$(mktemp -d) && chmod a+rx "$tmp"; }
start_pg() { bash .ci/pg-cluster start "$tmp/pg"; }
cleanup() {
    stop_server
    [[ -n $tmp ]] || return 0
    if [[ -d $tmp/pg ]]; then bash .ci/pg-cluster stop "$tmp/pg" || true; fi
    rm -rf "$tmp"
    tmp=
}
trap 'cleanup; [[ -z $hromada ]] || rm -f "$hromada"' EXIT

kb() { awk '/^'"$1"':/ { print $2 }' "/proc/$server_pid/status"; }

# Memory: the resident set now, then the peak from here on.
rss_start() {
    rss_idle=$(kb VmRSS)
    echo 5 >"/proc/$server_pid/clear_refs"
}

# Prints the memory line: resident set after start-up and the peak under the load, in MiB.
rss_report() {
    local peak
    peak=$(kb VmHWM)
    python3 -c 'import json, sys; print(json.dumps({"server_rss_idle_mib": round(int(sys.argv[1]) / 1024, 1), "server_rss_peak_mib": round(int(sys.argv[2]) / 1024, 1)}))' \
        "$rss_idle" "$peak"
}

pg_bindir() { cat "$1"/ci.bindir 2>/dev/null || dirname "$(command -v pgbench)"; }

bench_votes() {
    build
    local url votes_json pgbench bindir
    new_tmp
    url=$(start_pg)
    start_server "$tmp" 32 "$url"
    echo "== votes through the HTTP API on PostgreSQL: $VOTERS voters, $CONCURRENCY at a time"
    rss_start
    votes_json=$(cargo bench --locked --bench votes -- --database-url "$url" \
        --server "$server_url" --voters "$VOTERS" --concurrency "$CONCURRENCY" | tail -n 1)
    echo "$votes_json"
    rss_report
    echo "== pgbench: a single-row INSERT, $CONCURRENCY clients, ${SECONDS_PGBENCH}s"
    stop_server
    bindir=$(pg_bindir "$tmp/pg")
    "$bindir/psql" "$url" -qc 'CREATE TABLE IF NOT EXISTS bench_insert (id bigserial PRIMARY KEY, v int NOT NULL, at timestamptz NOT NULL)'
    echo 'INSERT INTO bench_insert (v, at) VALUES (1, now());' >"$tmp/insert.sql"
    pgbench=$("$bindir/pgbench" -n -c "$CONCURRENCY" -j 2 -T "$SECONDS_PGBENCH" -f "$tmp/insert.sql" "$url" 2>&1 \
        | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1)
    echo "pgbench tps: $pgbench"
    python3 - "$votes_json" "$pgbench" <<'PY'
import json, sys
votes = json.loads(sys.argv[1])
tps = float(sys.argv[2])
print(json.dumps({
    "votes_per_second": round(votes["votes_per_second"], 1),
    "pgbench_inserts_per_second": round(tps, 1),
    "ratio": round(votes["votes_per_second"] / tps, 3),
    "p50_ms": round(votes["p50_ms"], 1),
    "p99_ms": round(votes["p99_ms"], 1),
    "failed": votes["failed"],
}))
PY
    cleanup
}

bench_list() {
    build
    local url
    new_tmp
    url=$(start_pg)
    start_server "$tmp" 32 "$url"
    echo "== the public project list ($LIST_PROJECTS projects) beside a Poem hello-world:" \
        "$CONCURRENCY clients, ${LIST_SECONDS}s each"
    rss_start
    cargo bench --locked --bench list -- --database-url "$url" --server "$server_url" \
        --projects "$LIST_PROJECTS" --concurrency "$CONCURRENCY" --seconds "$LIST_SECONDS"
    rss_report
    cleanup
}

bench_sqlite() {
    build
    new_tmp
    start_server "$tmp" 10
    echo "== votes through the HTTP API on SQLite: $VOTERS voters, $CONCURRENCY at a time"
    rss_start
    cargo bench --locked --bench votes -- --database-url "sqlite://$tmp/data/hromada.db?mode=rwc" \
        --server "$server_url" --voters "$VOTERS" --concurrency "$CONCURRENCY" | tail -n 1
    rss_report
    cleanup
}

bench_kyiv() {
    build
    local url
    new_tmp
    url=$(start_pg)
    start_server "$tmp" 32 "$url"
    echo "== a Kyiv-sized vote end to end: ${BENCH_KYIV_VOTERS:-191000} voters," \
        "${BENCH_KYIV_BALLOTS:-650000} ballots of 5 votes, ${BENCH_KYIV_PROJECTS:-1600} projects"
    rss_start
    cargo bench --locked --bench kyiv -- --database-url "$url" --server "$server_url" \
        --voters "${BENCH_KYIV_VOTERS:-191000}" --ballots "${BENCH_KYIV_BALLOTS:-650000}" \
        --projects "${BENCH_KYIV_PROJECTS:-1600}" --concurrency "${BENCH_KYIV_CONCURRENCY:-2}" \
        --rule "${BENCH_KYIV_RULE:-greedy}"
    rss_report
    cleanup
}

bench_tally() {
    local extra=()
    if python3 -c 'import pabutools' >/dev/null 2>&1; then
        extra=(--pabutools --timeout "${BENCH_PABUTOOLS_TIMEOUT:-600}")
    else
        echo "pabutools not installed (pip install pabutools): timing hromada only" >&2
    fi
    echo "== tally of a pot: ${BENCH_PROJECTS:-1600} projects, ${BENCH_BALLOTS:-650000} ballots"
    cargo bench --locked --bench tally -- --projects "${BENCH_PROJECTS:-1600}" \
        --voters "${BENCH_BALLOTS:-650000}" "${extra[@]}"
}

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in "${modes[@]}"; do
    "bench_$mode"
done
echo "== done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
