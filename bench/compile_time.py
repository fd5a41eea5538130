#!/usr/bin/env python3
"""Compile-time cost of connect_url!: `cargo check` of a crate with 200 distinct
connect_url! invocations against the same 200 links built with the connect-core
builder. Median of RUNS checks each, alternating, in one run of this script.

    python3 bench/compile_time.py [RUNS]     (default 7)

It reports twice: with Cargo's defaults, and with the macro built optimised
(`[profile.dev.build-override] opt-level = 3` in the user's manifest).
"""
import os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 7
LINKS = 200
PERMISSIONS = ["read_odometer", "read_vin", "read_location", "read_battery", "read_charge",
               "read_fuel", "read_tires", "read_vehicle_info", "control_charge", "control_security"]

def camel(name):
    return "".join(part.capitalize() for part in name.split("_"))

def link(i):
    """The i-th link: its own client id, redirect, state, permissions and mode."""
    perms = [PERMISSIONS[(i + k) % len(PERMISSIONS)] for k in range(1 + i % 4)]
    return dict(client=f"client-{i:04}", redirect=f"https://example.com/cb/{i}", state=f"state-{i}",
                perms=[(p, k == 0) for k, p in enumerate(perms)], simulated=i % 2 == 0)

def macro_fn(i, l):
    scope = ", ".join(("required " if req else "") + p for p, req in l["perms"])
    mode = "simulated" if l["simulated"] else "live"
    return (f'pub fn link_{i}() -> ConnectUrl {{\n    connect_url!(client_id: "{l["client"]}", scope: [{scope}], '
            f'redirect_uri: "{l["redirect"]}", state: "{l["state"]}", mode: {mode})\n}}\n')

def builder_fn(i, l):
    entries = ", ".join(f'ScopeEntry::{"required" if req else "optional"}(Permission::{camel(p)})' for p, req in l["perms"])
    mode = "Simulated" if l["simulated"] else "Live"
    return (f'pub fn link_{i}() -> ConnectUrl {{\n    ConnectUrl::builder(ClientId::from_static("{l["client"]}").unwrap())\n'
            f'        .scope(Scope::new([{entries}]).unwrap())\n'
            f'        .redirect_uri(RedirectUri::from_static("{l["redirect"]}").unwrap())\n'
            f'        .state(State::from_static("{l["state"]}").unwrap())\n'
            f'        .mode(Mode::{mode})\n        .build()\n        .unwrap()\n}}\n')

def write_crate(base, name, header, body, optimise_macros):
    os.makedirs(os.path.join(base, name, "src"), exist_ok=True)
    with open(os.path.join(base, name, "Cargo.toml"), "w") as f:
        f.write(f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\n\n[workspace]\n\n'
                f'[dependencies]\nconnect-core = {{ path = "{ROOT}/connect-core" }}\n'
                f'connect-macros = {{ path = "{ROOT}/connect-macros" }}\n'
                + ("\n[profile.dev.build-override]\nopt-level = 3\n" if optimise_macros else ""))
    with open(os.path.join(base, name, "src", "lib.rs"), "w") as f:
        f.write(header + "\n" + "".join(body(i, link(i)) for i in range(LINKS)))

def check(base, name, env):
    lib = os.path.join(base, name, "src", "lib.rs")
    os.utime(lib)  # only this crate is checked again
    start = time.perf_counter()
    subprocess.run(["cargo", "check", "-q", "--offline"], cwd=os.path.join(base, name), env=env, check=True)
    return time.perf_counter() - start

def measure(optimise_macros):
    base = tempfile.mkdtemp(prefix="connect-compile-time-")
    write_crate(base, "with_macro", "#![allow(clippy::all)]\nuse connect_core::ConnectUrl;\nuse connect_macros::connect_url;\n", macro_fn, optimise_macros)
    write_crate(base, "with_builder", "#![allow(clippy::all)]\nuse connect_core::{ClientId, ConnectUrl, Mode, Permission, RedirectUri, Scope, ScopeEntry, State};\n", builder_fn, optimise_macros)
    # One target directory: the dependencies are built once, before timing.
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(base, "target"))
    for name in ("with_macro", "with_builder"):
        subprocess.run(["cp", os.path.join(ROOT, "Cargo.lock"), os.path.join(base, name, "Cargo.lock")], check=True)
        check(base, name, env)
    times = {"with_macro": [], "with_builder": []}
    for _ in range(RUNS):
        for name in times:
            times[name].append(check(base, name, env))
    macro, builder = (statistics.median(times[n]) for n in ("with_macro", "with_builder"))
    print("macro built " + ("with opt-level = 3 (build-override)" if optimise_macros else "with Cargo's defaults"))
    print(f"  connect_url!  {macro:.2f} s   (runs: {', '.join(f'{t:.2f}' for t in times['with_macro'])})")
    print(f"  builder       {builder:.2f} s   (runs: {', '.join(f'{t:.2f}' for t in times['with_builder'])})")
    print(f"  ratio         {macro / builder:.2f}x")
    subprocess.run(["rm", "-rf", base], check=True)

def main():
    print(f"{LINKS} distinct links, `cargo check` of the crate alone, median of {RUNS} runs each")
    measure(optimise_macros=False)
    measure(optimise_macros=True)

if __name__ == "__main__":
    main()
