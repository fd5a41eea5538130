#!/usr/bin/env python3
"""Cold build cost of the workspace, as ratios to the cold build of a tiny app
that depends only on `url` and `getrandom` (what any Connect integration needs
at least), all measured in one run of this script:

    python3 bench/cold_build.py [WORKSPACE]     (default: this checkout)

Each command runs with an empty target directory, after `cargo fetch`, offline:
so downloads are not counted, compiling and running are. The url-only app is
built before and after the workspace commands, to show the machine's drift.
"""
import os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORKSPACE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else ROOT

URL_ONLY_MANIFEST = """[package]
name = "url-only"
version = "0.0.0"
edition = "2021"

[workspace]

[dependencies]
url = "2.5"
getrandom = "0.3"
"""

URL_ONLY_MAIN = """fn main() {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("randomness");
    let state: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let url = url::Url::parse_with_params(
        "https://connect.smartcar.com/oauth/authorize",
        &[("response_type", "code"), ("client_id", "c"), ("state", state.as_str())],
    )
    .expect("url");
    println!("{url}");
}
"""


def timed(command, cwd, target):
    """Seconds `command` takes in `cwd` with the empty target directory `target`."""
    shutil.rmtree(target, ignore_errors=True)
    env = dict(os.environ, CARGO_TARGET_DIR=target)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    shutil.rmtree(target, ignore_errors=True)
    return seconds


def main():
    with tempfile.TemporaryDirectory(prefix="cold-build-") as base:
        app = os.path.join(base, "url-only")
        os.makedirs(os.path.join(app, "src"))
        with open(os.path.join(app, "Cargo.toml"), "w") as f:
            f.write(URL_ONLY_MANIFEST)
        with open(os.path.join(app, "src", "main.rs"), "w") as f:
            f.write(URL_ONLY_MAIN)
        # Resolve the app against the workspace's lock file, so both use the same
        # versions of `url` and `getrandom`, then fetch everything once.
        shutil.copy(os.path.join(WORKSPACE, "Cargo.lock"), os.path.join(app, "Cargo.lock"))
        subprocess.run(["cargo", "fetch", "-q"], cwd=app, check=True)
        subprocess.run(["cargo", "fetch", "-q"], cwd=WORKSPACE, check=True)
        target = os.path.join(base, "target")

        results = []
        url_before = timed(["cargo", "build", "--offline"], app, target)
        results.append(("url-only app: cargo build (before)", url_before))
        quickstart = timed(["cargo", "run", "--offline", "--example", "quickstart"], WORKSPACE, target)
        results.append(("cargo run --example quickstart", quickstart))
        tests = timed(["cargo", "test", "--offline", "--workspace"], WORKSPACE, target)
        results.append(("cargo test --workspace", tests))
        url_after = timed(["cargo", "build", "--offline"], app, target)
        results.append(("url-only app: cargo build (after)", url_after))

        url = (url_before + url_after) / 2
        print(f"workspace: {WORKSPACE}")
        for name, seconds in results:
            print(f"{name:40} {seconds:7.1f} s  {seconds / url:5.2f}x url-only")


if __name__ == "__main__":
    main()
