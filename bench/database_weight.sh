#!/usr/bin/env bash
# What a database crate adds to the build of the servers' web stack (issue 23): the web
# example keeps tokens in SQLite (embedded, the default) or PostgreSQL. A scratch app with
# the web stack of examples/servers is built once; then, in a copy of that warm target
# directory each time, the same app plus one choice, timed (CPU time, user + system of cargo
# and every rustc: on a shared machine the wall time says little). Both choices embed SQLite
# from source (no system library to install), as the example must on CI.
#
#     bash bench/database_weight.sh [SCRATCH_DIR]      (default: a temporary one)
set -euo pipefail
lock="$(cd "$(dirname "$0")/.." && pwd)/Cargo.lock"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
cd "$work"
stack='axum = { version = "0.8", default-features = false, features = ["http1", "tokio", "query", "form"] }
tokio = { version = "1", features = ["rt-multi-thread", "macros", "net", "signal", "sync", "time"] }
hyper = { version = "1.4", features = ["server", "http1", "client"] }
hyper-util = { version = "0.1.10", features = ["tokio", "service", "server-graceful", "client-legacy", "http1"] }
url = "2.5"'
app() { # NAME EXTRA-DEPENDENCIES
    rm -rf "$1"; mkdir -p "$1/src"
    printf '[package]\nname = "db-%s"\nversion = "0.0.0"\nedition = "2021"\n[workspace]\n[dependencies]\n%s\n%s\n' \
        "$1" "$stack" "$2" > "$1/Cargo.toml"
    echo 'fn main() {}' > "$1/src/main.rs"
    cp "$lock" "$1/Cargo.lock"
    (cd "$1" && cargo fetch -q)
}
tree() { (cd "$1" && cargo tree -q --offline -e normal --prefix none | sed 's/ (\*)//' | grep -v '^db-' | sort -u); }
app base ''
app sqlx 'sqlx = { version = "0.8", default-features = false, features = ["runtime-tokio", "sqlite", "postgres"] }'
app rusqlite 'rusqlite = { version = "0.37", features = ["bundled"] }
tokio-postgres = { version = "0.7", default-features = false, features = ["runtime"] }'
CARGO_TARGET_DIR="$work/target-base" bash -c 'cd base && cargo build -q --offline'
for choice in sqlx rusqlite; do
    rm -rf "target-$choice"; cp -r target-base "target-$choice"
    start=$(date +%s.%N)
    # `times`' second line: the user and system time of the subshell's children.
    cpu=$(cd "$choice" && CARGO_TARGET_DIR="$work/target-$choice" cargo build -q --offline && times)
    cpu=$(tail -n 1 <<<"$cpu" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
    end=$(date +%s.%N)
    added=$(comm -13 <(tree base) <(tree "$choice"))
    printf '%-9s +%5.1f s CPU (+%5.1f s wall)  +%d crates: %s\n' "$choice" "$cpu" "$(echo "$end - $start" | bc)" \
        "$(grep -c . <<<"$added")" "$(tr '\n' ' ' <<<"$added")"
done
