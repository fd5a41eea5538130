#!/usr/bin/env bash
# What connect-stand-in adds to a user's dev build (issue 22): a scratch app depending on
# connect-core (features `registration`, `token`) and connect-macros (`registration`) by path,
# as the README's "Test your integration" has it, with one integration test. Its cold
# `cargo test --no-run` is timed without, then with, `connect-stand-in` under
# `[dev-dependencies]`, each in an empty target directory (CPU time, user + system of cargo and
# every rustc: on a shared machine the wall time says less). Offline, against this workspace's
# Cargo.lock. `cargo build` (no tests) of the app is unchanged: dev-dependencies are not built.
#
#     bash bench/stand_in_weight.sh [SCRATCH_DIR]      (default: a temporary one)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
cd "$work"
app() { # NAME DEV-DEPENDENCIES
    rm -rf "$1"; mkdir -p "$1/src" "$1/tests"
    printf '[package]\nname = "sw-%s"\nversion = "0.0.0"\nedition = "2021"\n[workspace]\n[dependencies]\n%s\n%s\n[dev-dependencies]\n%s\n' \
        "$1" "connect-core = { path = \"$root/connect-core\", features = [\"registration\", \"token\"] }" \
        "connect-macros = { path = \"$root/connect-macros\", features = [\"registration\"] }" "$2" >"$1/Cargo.toml"
    echo '//! The app.' >"$1/src/lib.rs"
    echo '#[test] fn t() {}' >"$1/tests/t.rs"
    cp "$root/Cargo.lock" "$1/Cargo.lock"
    (cd "$1" && cargo fetch -q)
}
tree() { (cd "$1" && cargo tree -q --offline -e normal,dev --prefix none | sed 's/ (\*)//' | grep -v '^sw-' | sort -u); }
app without ''
app with "connect-stand-in = { path = \"$root/connect-stand-in\" }"
for variant in without with; do
    rm -rf "target-$variant"
    start=$(date +%s.%N)
    cpu=$(cd "$variant" && CARGO_TARGET_DIR="$work/target-$variant" cargo test -q --offline --no-run 2>/dev/null && times)
    cpu=$(tail -n 1 <<<"$cpu" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
    end=$(date +%s.%N)
    printf '%-8s cargo test --no-run, cold: %6.1f s CPU, %6.1f s wall\n' "$variant" "$cpu" "$(echo "$end - $start" | bc)"
done
added=$(comm -13 <(tree without) <(tree with))
printf 'crates added: %d: %s\n' "$(grep -c . <<<"$added")" "$(tr '\n' ' ' <<<"$added")"
