#!/usr/bin/env bash
# Fuzzes every parser of outside input for a bounded time (tests/fuzz/README.md says more).
# Run from anywhere:
#
#   bash tests/fuzz/run.sh [TARGET...]        (default: every target in tests/fuzz/fuzz_targets)
#
# Installs cargo-fuzz (pinned) when it is missing, builds every target once, then runs each for
# FUZZ_SECONDS, FUZZ_PARALLEL targets at a time. Exits 1 when any target found a crash, a
# failed property, a timeout or an out-of-memory; the input is left in
# tests/fuzz/artifacts/<target>/ (crash-*, timeout-*, oom-*) and each target's log in
# $FUZZ_TARGET_DIR/logs/<target>.log.
#
# Knobs (environment):
#   FUZZ_SECONDS        seconds per target (default 80: 8 targets, 2 at a time, about 5.5 min)
#   FUZZ_PARALLEL       targets at a time (default: the number of cores, at most 2)
#   FUZZ_SANITIZER      address (default) or none (faster, finds only panics and failed asserts)
#   FUZZ_INPUT_TIMEOUT  seconds one input may take before it counts as a hang (default 10)
#   FUZZ_TARGET_DIR     build output and the growing corpus (default /var/tmp/hromada-fuzz);
#                       outside the clone, so later runs on the same machine start warm
#   FUZZ_TOOLS          where cargo-fuzz is installed (default /var/tmp/hromada-tools)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

CARGO_FUZZ_VERSION=0.13.2
SECONDS_PER_TARGET=${FUZZ_SECONDS:-80}
SANITIZER=${FUZZ_SANITIZER:-address}
INPUT_TIMEOUT=${FUZZ_INPUT_TIMEOUT:-10}
TARGET_DIR=${FUZZ_TARGET_DIR:-/var/tmp/hromada-fuzz}
TOOLS=${FUZZ_TOOLS:-/var/tmp/hromada-tools}
PARALLEL=${FUZZ_PARALLEL:-$(( $(nproc) < 2 ? 1 : 2 ))}
FUZZ_DIR=tests/fuzz

# cargo-fuzz passes nightly-only flags (-Zsanitizer, -Cpasses=sancov-module, ...) to rustc;
# RUSTC_BOOTSTRAP=1 lets the stable toolchain take them.
export RUSTC_BOOTSTRAP=1 CARGO_INCREMENTAL=0
export PATH="$TOOLS/bin:$PATH"

step() { echo "=== $(date -u +%H:%M:%S) $*"; }

if [[ $(cargo fuzz --version 2>/dev/null) != "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
    step "install cargo-fuzz $CARGO_FUZZ_VERSION into $TOOLS"
    CARGO_TARGET_DIR="$TARGET_DIR/cargo-install" \
        cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --root "$TOOLS"
fi

if [[ $# -gt 0 ]]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list --fuzz-dir "$FUZZ_DIR")
fi
fuzz_flags=(--fuzz-dir "$FUZZ_DIR" --target-dir "$TARGET_DIR" --sanitizer "$SANITIZER")

step "build ${#targets[@]} targets (sanitizer: $SANITIZER)"
build_start=$SECONDS
cargo fuzz build "${fuzz_flags[@]}"
echo "build took $((SECONDS - build_start)) s"

mkdir -p "$TARGET_DIR/logs"
bin_dir="$TARGET_DIR/$(rustc -vV | sed -n 's/^host: //p')/release"
# One target, run from its binary (not `cargo fuzz run`, which would build again): its own
# growing corpus first (new inputs are written there), the committed seeds second (read only).
fuzz_one() {
    local target=$1
    mkdir -p "$TARGET_DIR/corpus/$target" "$FUZZ_DIR/artifacts/$target"
    "$bin_dir/$target" "$TARGET_DIR/corpus/$target" "$FUZZ_DIR/corpus/$target" \
        -artifact_prefix="$FUZZ_DIR/artifacts/$target/" \
        -max_total_time="$SECONDS_PER_TARGET" -timeout="$INPUT_TIMEOUT" \
        -rss_limit_mb=2048 -print_final_stats=1 \
        >"$TARGET_DIR/logs/$target.log" 2>&1
}

step "run each target for ${SECONDS_PER_TARGET} s, $PARALLEL at a time"
run_start=$SECONDS
failed=()
pids=()
names=()
finish() {
    local pid=$1 name=$2
    if wait "$pid"; then
        echo "--- $name: ok ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$TARGET_DIR/logs/$name.log" | grep -o '[0-9]*$' || echo '?') runs)"
    else
        echo "--- $name: FAILED; the end of $TARGET_DIR/logs/$name.log:"
        tail -n 60 "$TARGET_DIR/logs/$name.log"
        failed+=("$name")
    fi
}
for target in "${targets[@]}"; do
    if [[ ${#pids[@]} -ge $PARALLEL ]]; then
        finish "${pids[0]}" "${names[0]}"
        pids=("${pids[@]:1}")
        names=("${names[@]:1}")
    fi
    fuzz_one "$target" &
    pids+=($!)
    names+=("$target")
done
for i in "${!pids[@]}"; do
    finish "${pids[$i]}" "${names[$i]}"
done
echo "fuzzing took $((SECONDS - run_start)) s"

if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzzing FAILED: ${failed[*]}; inputs in $FUZZ_DIR/artifacts/<target>/" >&2
    echo "replay one: $bin_dir/<target> $FUZZ_DIR/artifacts/<target>/<file>" >&2
    exit 1
fi
step "all ${#targets[@]} fuzz targets passed"
