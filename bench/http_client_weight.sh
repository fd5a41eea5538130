#!/usr/bin/env bash
# What an HTTP client adds to the build of the servers' web stack (issue 15): a
# scratch app with the web stack of examples/servers (axum, tokio, hyper, hyper-util
# as there) is built once; then, in a copy of that warm target directory each time,
# the same app plus one client, timed (CPU time, user + system of cargo and every
# rustc: on a machine shared with other builds the wall time says little). Offline
# after `cargo fetch`, against this workspace's Cargo.lock. Prints the CPU and
# wall seconds each client adds and the crates it adds.
#
#     bash bench/http_client_weight.sh [SCRATCH_DIR]      (default: a temporary one)
set -euo pipefail
lock="$(cd "$(dirname "$0")/.." && pwd)/Cargo.lock"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
cd "$work"
stack='axum = { version = "0.8", default-features = false, features = ["http1", "tokio", "query", "form"] }
tokio = { version = "1", features = ["rt-multi-thread", "macros", "net", "signal", "sync", "time"] }
hyper = { version = "1.4", features = ["server", "http1"] }
hyper-util = { version = "0.1.10", features = ["tokio", "service", "server-graceful"] }
url = "2.5"'
app() { # NAME EXTRA-DEPENDENCIES
    rm -rf "$1"; mkdir -p "$1/src"
    printf '[package]\nname = "cb-%s"\nversion = "0.0.0"\nedition = "2021"\n[workspace]\n[dependencies]\n%s\n%s\n' \
        "$1" "$stack" "$2" > "$1/Cargo.toml"
    echo 'fn main() {}' > "$1/src/main.rs"
    cp "$lock" "$1/Cargo.lock"
    (cd "$1" && cargo fetch -q)
}
tree() { (cd "$1" && cargo tree -q --offline -e normal --prefix none | sed 's/ (\*)//' | grep -v '^cb-' | sort -u); }
app base ''
# hyper-util's client: features of crates already in the tree, and http-body-util.
app hyper-util 'http-body-util = "0.1"'
sed -i 's/features = \["server", "http1"\]/features = ["server", "http1", "client"]/; s/"server-graceful"\]/"server-graceful", "client-legacy", "http1"]/' hyper-util/Cargo.toml
app ureq 'ureq = { version = "3", default-features = false }'
app reqwest 'reqwest = { version = "0.12", default-features = false }'
CARGO_TARGET_DIR="$work/target-base" bash -c 'cd base && cargo build -q --offline'
for client in hyper-util ureq reqwest; do
    rm -rf "target-$client"; cp -r target-base "target-$client"
    start=$(date +%s.%N)
    # `times`' second line: the user and system time of the subshell's children.
    cpu=$(cd "$client" && CARGO_TARGET_DIR="$work/target-$client" cargo build -q --offline && times)
    cpu=$(tail -n 1 <<<"$cpu" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); print u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
    end=$(date +%s.%N)
    added=$(comm -13 <(tree base) <(tree "$client"))
    printf '%-10s +%5.1f s CPU (+%5.1f s wall)  +%d crates: %s\n' "$client" "$cpu" "$(echo "$end - $start" | bc)" \
        "$(grep -c . <<<"$added")" "$(tr '\n' ' ' <<<"$added")"
done
