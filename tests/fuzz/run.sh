#!/usr/bin/env bash
# Fuzzes every parser of outside input for a bounded time (tests/fuzz/README.md says more).
# Run from anywhere:
#
#   bash tests/fuzz/run.sh [TARGET...]        (default: every target in tests/fuzz/fuzz_targets)
#
# Builds every target once with plain `cargo build` and the instrumentation flags cargo-fuzz
# 0.13 passes to rustc (so nothing needs installing; `cargo fuzz` works on the same crate
# for shrinking and replaying), then runs each for FUZZ_SECONDS, FUZZ_PARALLEL targets at a
# time, from its growing corpus and the committed seeds. Exits 1 when any target found a
# crash, a failed property, a timeout or an out-of-memory; the input is left in
# tests/fuzz/artifacts/<target>/ (crash-*, timeout-*, oom-*), printed with the command that
# replays it, and each target's log is in $FUZZ_TARGET_DIR/logs/<target>.log.
#
# Knobs (environment):
#   FUZZ_SECONDS        seconds per target (default 80: 8 targets, 2 at a time, about 5.5 min)
#   FUZZ_PARALLEL       targets at a time (default: the number of cores, at most 2)
#   FUZZ_PROFILE        release (default: optimized, one codegen unit, as cargo-fuzz builds;
#                       fast to run, slow to build) or dev (not optimized: builds in a
#                       fraction of the time, runs several times fewer inputs a second;
#                       what .ci/run uses)
#   FUZZ_SANITIZER      address (default) or none (faster, finds only panics and failed asserts;
#                       safe Rust needs no AddressSanitizer to stay memory-safe)
#   FUZZ_INPUT_TIMEOUT  seconds one input may take before it counts as a hang (default 10)
#   FUZZ_TARGET_DIR     build output and the growing corpus (default /var/tmp/hromada-fuzz);
#                       outside the clone, so later runs on the same machine start warm
# Debug assertions (overflow checks included) are on in both profiles.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

SECONDS_PER_TARGET=${FUZZ_SECONDS:-80}
PROFILE=${FUZZ_PROFILE:-release}
SANITIZER=${FUZZ_SANITIZER:-address}
INPUT_TIMEOUT=${FUZZ_INPUT_TIMEOUT:-10}
TARGET_DIR=${FUZZ_TARGET_DIR:-/var/tmp/hromada-fuzz}
PARALLEL=${FUZZ_PARALLEL:-$(( $(nproc) < 2 ? 1 : 2 ))}
FUZZ_DIR=tests/fuzz

step() { echo "=== $(date -u +%H:%M:%S) $*"; }

# What cargo-fuzz 0.13 (`cargo fuzz build`) passes to rustc: libFuzzer's coverage
# instrumentation, `--cfg fuzzing`, debug assertions.
rustflags=(
    -Cpasses=sancov-module
    -Cllvm-args=-sanitizer-coverage-level=4
    -Cllvm-args=-sanitizer-coverage-inline-8bit-counters
    -Cllvm-args=-sanitizer-coverage-pc-table
    -Cllvm-args=-sanitizer-coverage-trace-compares
    -Cllvm-args=-simplifycfg-branch-fold-threshold=0
    -Cllvm-args=-sanitizer-coverage-stack-depth
    --cfg fuzzing
    -Cdebug-assertions
)
cargo_flags=(--locked --manifest-path "$FUZZ_DIR/Cargo.toml" --target-dir "$TARGET_DIR")
case $PROFILE in
    release)
        # ThinLTO imports nothing across the instrumented units; one unit optimizes best.
        rustflags+=(-Ccodegen-units=1)
        cargo_flags+=(--release)
        profile_dir=release
        ;;
    dev) profile_dir=debug ;;
    *) echo "FUZZ_PROFILE must be release or dev, not $PROFILE" >&2; exit 2 ;;
esac
case $SANITIZER in
    address)
        # -Zsanitizer is nightly-only; RUSTC_BOOTSTRAP=1 lets the stable toolchain take it.
        rustflags+=(-Zsanitizer=address)
        export RUSTC_BOOTSTRAP=1
        export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_odr_violation=0
        ;;
    none) ;;
    *) echo "FUZZ_SANITIZER must be address or none, not $SANITIZER" >&2; exit 2 ;;
esac
host=$(rustc -vV | sed -n 's/^host: //p')
# --target: the flags reach the fuzz targets and their dependencies, not build scripts and
# proc macros (built for the host without them).
cargo_flags+=(--target "$host")
export CARGO_INCREMENTAL=0 RUSTFLAGS="${rustflags[*]}"

if [[ $# -gt 0 ]]; then
    targets=("$@")
else
    mapfile -t targets < <(cd "$FUZZ_DIR/fuzz_targets" && ls -- *.rs | sed 's/\.rs$//')
fi

step "build ${#targets[@]} targets (profile: $PROFILE, sanitizer: $SANITIZER) in $TARGET_DIR"
build_start=$SECONDS
bins=()
for target in "${targets[@]}"; do bins+=(--bin "$target"); done
cargo build "${cargo_flags[@]}" "${bins[@]}"
echo "build took $((SECONDS - build_start)) s"

mkdir -p "$TARGET_DIR/logs"
bin_dir="$TARGET_DIR/$host/$profile_dir"
# One target, run from its binary: its own growing corpus first (new inputs are written
# there), the committed seeds second (read only).
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
    local pid=$1 name=$2 log="$TARGET_DIR/logs/$2.log" input
    if wait "$pid"; then
        echo "--- $name: ok ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?') runs)"
    else
        echo "--- $name: FAILED; the end of $log:"
        tail -n 60 "$log"
        # libFuzzer's own line: "artifact_prefix='…'; Test unit written to <path>".
        input=$(sed -n 's/.*Test unit written to //p' "$log" | tail -n 1)
        if [[ -n $input ]]; then
            echo "--- $name: the failing input is $input; replay it with:"
            echo "    $bin_dir/$name $input"
        fi
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
