#!/usr/bin/env bash
# Benchmarks (they measure; they assert nothing). Run from the repository root:
#
#   bash tests/bench/run.sh [votes|tally|all]    (default: all)
#
# votes: a throwaway PostgreSQL (.ci/pg-cluster), a release `hromada serve --demo` on it, then
#        tests/bench/votes.rs casts votes over HTTP from many concurrent voters while nothing
#        else runs, and pgbench runs a single-row INSERT on the same database with the same
#        number of clients. Prints both rates and their ratio.
# tally: tests/bench/tally.rs on a Kyiv-sized pot (1,600 projects, 650,000 ballots of 5 votes)
#        under each rule, beside pabutools when it is installed (BENCH_PABUTOOLS_TIMEOUT
#        seconds per rule, default 600).
#
# Knobs: BENCH_VOTERS (2000), BENCH_CONCURRENCY (64), BENCH_SECONDS (pgbench, 20),
#        BENCH_PROJECTS (1600), BENCH_BALLOTS (650000).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

what=${1:-all}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
VOTERS=${BENCH_VOTERS:-2000}
CONCURRENCY=${BENCH_CONCURRENCY:-64}
SECONDS_PGBENCH=${BENCH_SECONDS:-20}

bench_votes() {
    cargo build --release --locked --bin hromada
    cargo bench --locked --bench votes --no-run
    local pgtmp url port server_pid pgbench
    pgtmp=$(mktemp -d)
    url=$(bash .ci/pg-cluster start "$pgtmp")
    trap 'kill "${server_pid:-}" 2>/dev/null || true; bash .ci/pg-cluster stop "$pgtmp"' RETURN
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    HROMADA__AUTH__COOKIE_SECURE=false HROMADA__DATABASE__MAX_CONNECTIONS=32 HROMADA__LOG__LEVEL=warn \
        "$CARGO_TARGET_DIR/release/hromada" serve --demo --database-url "$url" --bind "127.0.0.1:$port" \
        >"$pgtmp/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
        sleep 0.2
    done
    echo "== votes through the HTTP API: $VOTERS voters, $CONCURRENCY at a time"
    local votes_json
    votes_json=$(cargo bench --locked --bench votes -- --database-url "$url" \
        --server "http://127.0.0.1:$port" --voters "$VOTERS" --concurrency "$CONCURRENCY" | tail -n 1)
    echo "$votes_json"
    echo "== pgbench: a single-row INSERT, $CONCURRENCY clients, ${SECONDS_PGBENCH}s"
    local bindir
    bindir=$(cat "$pgtmp"/ci.bindir 2>/dev/null || dirname "$(command -v pgbench)")
    "$bindir/psql" "$url" -qc 'CREATE TABLE IF NOT EXISTS bench_insert (id bigserial PRIMARY KEY, v int NOT NULL, at timestamptz NOT NULL)'
    echo 'INSERT INTO bench_insert (v, at) VALUES (1, now());' >"$pgtmp/insert.sql"
    pgbench=$("$bindir/pgbench" -n -c "$CONCURRENCY" -j 2 -T "$SECONDS_PGBENCH" -f "$pgtmp/insert.sql" "$url" 2>&1 \
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
}))
PY
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

case $what in
    votes) bench_votes ;;
    tally) bench_tally ;;
    all) bench_votes; bench_tally ;;
    *) echo "usage: $0 [votes|tally|all]" >&2; exit 2 ;;
esac
