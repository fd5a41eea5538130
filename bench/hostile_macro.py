#!/usr/bin/env python3
"""Hostile input to connect_url!: `cargo check` of a crate whose one link has a
flag value of N digits, or an unknown permission of N bytes, for each N given.
Best of RUNS checks each; the first line is the same crate with a short value.

    python3 bench/hostile_macro.py [ROOT] [RUNS] [MAX_N]

ROOT is the checkout whose connect-core and connect-macros are used (default:
this one), so that an older commit can be measured the same way:
`git archive COMMIT | tar -x -C /tmp/old && python3 bench/hostile_macro.py /tmp/old`.
"""
import os, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else HERE
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
# Sizes above MAX_N are skipped: before the fix, 100 000 digits took minutes.
MAX_N = int(sys.argv[3]) if len(sys.argv) > 3 else 10**9
CLIENT = 'client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"'
CASES = [
    ("short flag value", 'flags: ["n": 42]', [0]),
    ("flag value of N digits", 'flags: ["n": 1{}]', [2_000, 20_000, 200_000]),
    ("unknown permission of N bytes", "scope: [read_{}]", [10_000, 100_000, 1_000_000]),
]


def check(crate, body):
    with open(os.path.join(crate, "src", "lib.rs"), "w") as f:
        f.write(f"pub fn link() {{ let _ = connect_macros::connect_url!({CLIENT}, {body}); }}\n")
    start = time.monotonic()
    subprocess.run(["cargo", "check", "-q"], cwd=crate, capture_output=True)
    return time.monotonic() - start


with tempfile.TemporaryDirectory() as crate:
    os.makedirs(os.path.join(crate, "src"))
    with open(os.path.join(crate, "Cargo.toml"), "w") as f:
        f.write(f"""[package]
name = "hostile-macro"
version = "0.0.0"
edition = "2021"

[workspace]

[dependencies]
connect-core = {{ path = "{ROOT}/connect-core" }}
connect-macros = {{ path = "{ROOT}/connect-macros" }}
""")
    check(crate, 'flags: ["n": 42]')  # builds the dependencies once
    print("| input | N | `cargo check` (best of %d) |" % RUNS)
    print("|---|---:|---:|")
    for name, template, sizes in CASES:
        for n in (n for n in sizes if n <= MAX_N):
            value = "0" * n if "digits" in name else "o" * n
            body = template.format(value) if n else template
            best = min(check(crate, body) for _ in range(RUNS))
            print(f"| {name} | {n} | {best:.2f} s |", flush=True)
