#!/usr/bin/env python3
"""Compile-time cost of connect_url!: `cargo check` of a crate with 200 distinct
connect_url! invocations against the same 200 links built with the connect-core
builder. Median of RUNS checks each, alternating, in one run of this script.

    python3 bench/compile_time.py [RUNS] [--before CHECKOUT] [--defaults-only] [--registration] [--instructions]

RUNS defaults to 7. It reports twice: with Cargo's defaults, and with the macro
built optimised (`[profile.dev.build-override] opt-level = 3` in the user's
manifest); `--defaults-only` skips the second. `--before CHECKOUT` (another
checkout of this repository, e.g. a `git worktree` of an older commit) adds that
checkout's pair of crates to the same alternation, so a change is measured
before and after under the same load. `--registration` puts a `smartcar.toml`
beside the macro crate's manifest that registers every link's application (200
applications, each with its redirect URI and permissions), so every link is checked
against it at compile time. `--instructions` also counts, once per crate, the
instructions of the whole `cargo check` (every process it starts, under valgrind's
callgrind): a figure the machine's load does not move, where the timed medians
move with it.
"""
import argparse, os, statistics, subprocess, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
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

def registration():
    """A smartcar.toml with the application of every link, each as the link needs."""
    apps = []
    for i in range(LINKS):
        l = link(i)
        perms = ", ".join(f'"{p}"' for p, _ in l["perms"])
        apps.append(f'[applications.app_{i}]\napp_id = "{l["client"]}"\n'
                    f'redirect_uris = ["https://example.com/home", "{l["redirect"]}"]\npermissions = [{perms}]\n')
    return "\n".join(apps)

def write_crate(base, name, header, body, optimise_macros, root, registered=False):
    os.makedirs(os.path.join(base, name, "src"), exist_ok=True)
    # The checks against smartcar.toml are connect-macros' feature `registration`
    # (on both crates, for one build of connect-core); a checkout older than the
    # feature checks the file without it.
    with open(os.path.join(root, "connect-macros", "Cargo.toml")) as f:
        has_feature = "\nregistration = " in f.read()
    features = ', features = ["registration"]' if registered and has_feature else ""
    with open(os.path.join(base, name, "Cargo.toml"), "w") as f:
        f.write(f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\n\n[workspace]\n\n'
                f'[dependencies]\nconnect-core = {{ path = "{root}/connect-core"{features} }}\n'
                f'connect-macros = {{ path = "{root}/connect-macros"{features} }}\n'
                + ("\n[profile.dev.build-override]\nopt-level = 3\n" if optimise_macros else ""))
    with open(os.path.join(base, name, "src", "lib.rs"), "w") as f:
        f.write(header + "\n" + "".join(body(i, link(i)) for i in range(LINKS)))
    if registered:
        with open(os.path.join(base, name, "smartcar.toml"), "w") as f:
            f.write(registration())

def instructions(base, name, env):
    """Instructions of one `cargo check` of the crate alone (its lib.rs touched), summed
    over every process it starts: cargo, rustc, and the proc macro inside rustc."""
    os.utime(os.path.join(base, name, "src", "lib.rs"))
    out = tempfile.mkdtemp(prefix="callgrind-", dir=base)
    subprocess.run(["valgrind", "-q", "--tool=callgrind", "--trace-children=yes",
                    f"--callgrind-out-file={out}/cg.%p", "cargo", "check", "-q", "--offline"],
                   cwd=os.path.join(base, name), env=env, check=True, stderr=subprocess.DEVNULL)
    total = 0
    for file in os.listdir(out):
        with open(os.path.join(out, file)) as f:
            for line in f:
                if line.startswith(("summary:", "totals:")):
                    total += int(line.split()[1])
                    break
    return total

def check(base, name, env):
    lib = os.path.join(base, name, "src", "lib.rs")
    os.utime(lib)  # only this crate is checked again
    start = time.perf_counter()
    subprocess.run(["cargo", "check", "-q", "--offline"], cwd=os.path.join(base, name), env=env, check=True)
    return time.perf_counter() - start

MACRO_HEADER = "#![allow(clippy::all)]\nuse connect_core::ConnectUrl;\nuse connect_macros::connect_url;\n"
BUILDER_HEADER = ("#![allow(clippy::all)]\nuse connect_core::{ClientId, ConnectUrl, Mode, Permission, "
                  "RedirectUri, Scope, ScopeEntry, State};\n")

def measure(optimise_macros, runs, roots, registered=False, count=False):
    """roots: label -> checkout. Every crate is checked once per round, in turn."""
    base = tempfile.mkdtemp(prefix="connect-compile-time-")
    crates = {}
    for label, root in roots.items():
        for kind, header, body in (("macro", MACRO_HEADER, macro_fn), ("builder", BUILDER_HEADER, builder_fn)):
            name = f"with_{kind}_{label}"
            write_crate(base, name, header, body, optimise_macros, root, registered and kind == "macro")
            subprocess.run(["cp", os.path.join(root, "Cargo.lock"), os.path.join(base, name, "Cargo.lock")], check=True)
            crates[(label, kind)] = name
    # One target directory: the dependencies are built once, before timing.
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(base, "target"))
    for name in crates.values():
        check(base, name, env)
    times = {key: [] for key in crates}
    for _ in range(runs):
        for key, name in crates.items():
            times[key].append(check(base, name, env))
    print("macro built " + ("with opt-level = 3 (build-override)" if optimise_macros else "with Cargo's defaults")
          + (", every link checked against a registration of 200 applications" if registered else ""))
    for label, root in roots.items():
        macro, builder = (statistics.median(times[(label, k)]) for k in ("macro", "builder"))
        print(f"  [{label}: {root}]")
        print(f"  connect_url!  {macro:.3f} s   (runs: {', '.join(f'{t:.2f}' for t in times[(label, 'macro')])})")
        print(f"  builder       {builder:.3f} s   (runs: {', '.join(f'{t:.2f}' for t in times[(label, 'builder')])})")
        print(f"  ratio         {macro / builder:.2f}x")
        if count:
            macro, builder = (instructions(base, crates[(label, k)], env) for k in ("macro", "builder"))
            print(f"  instructions  connect_url! {macro / 1e6:.1f} M, builder {builder / 1e6:.1f} M: "
                  f"{macro / builder:.2f}x")
    subprocess.run(["rm", "-rf", base], check=True)

def main():
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("runs", nargs="?", type=int, default=7)
    args.add_argument("--before", help="another checkout, measured in the same alternation")
    args.add_argument("--defaults-only", action="store_true", help="skip the opt-level = 3 build")
    args.add_argument("--registration", action="store_true", help="a smartcar.toml beside the macro crate")
    args.add_argument("--instructions", action="store_true", help="also count each check's instructions (callgrind)")
    args = args.parse_args()
    roots = {"this": ROOT}
    if args.before:
        roots = {"before": os.path.abspath(args.before), "this": ROOT}
    print(f"{LINKS} distinct links, `cargo check` of the crate alone, median of {args.runs} runs each")
    measure(False, args.runs, roots, args.registration, args.instructions)
    if not args.defaults_only:
        measure(True, args.runs, roots, args.registration, args.instructions)

if __name__ == "__main__":
    main()
