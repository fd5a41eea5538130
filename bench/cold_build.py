#!/usr/bin/env python3
"""Cold build cost of the workspace, as ratios to the cold build of a tiny app
that depends only on `url` and `getrandom` (what any Connect integration needs
at least), all measured in one run of this script:

    python3 bench/cold_build.py [WORKSPACE]     (default: this checkout)
    python3 bench/cold_build.py --token [WORKSPACE]

`--token` measures instead what connect-core's `token` feature costs: the cold
build of a small app that depends on connect-core alone, without and with the
feature (the same source), each twice and interleaved, between the url-only app
before and after.

    python3 bench/cold_build.py --user-app [--rounds N] [--path] [WORKSPACE ...]

    python3 bench/cold_build.py --test-run [WORKSPACE ...]

`--test-run` measures the README's test command alone: `cargo test --workspace`
cold in each WORKSPACE in turn (e.g. a clone of an older commit and this
checkout), between two builds of the url-only app, with wall and CPU time and the
load average before each.

`--user-app` measures instead what a user of the crates pays: `cargo build` of a
tiny app that depends on connect-core and connect-macros (into each WORKSPACE
given: several are measured in the same alternation, e.g. a clone of an older
commit and this checkout) and declares two links, one literal and one
with a fresh `State::generate()`, against the url-only app; N rounds (default 2),
each building the url-only app, then each user app, then the url-only app again.
It prints wall and CPU time (user + system, of every process the build started);
on a shared machine the CPU ratio is the steadier one.

The user app depends on each WORKSPACE's committed HEAD as a git dependency, as
a user does before the crates are published (README): Cargo then builds them as
it builds crates.io crates, without incremental compilation and with lints
capped. `--path` depends on the working tree by path instead, which Cargo builds
as a local crate, incrementally: about a second more for connect-core and
connect-macros, which a user of the published crates does not pay.

Each command runs with an empty target directory, after `cargo fetch`, offline:
so downloads are not counted, compiling and running are. The url-only app is
built before and after the workspace commands, to show the machine's drift.
"""
import os, resource, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARGS = [a for a in sys.argv[1:] if a != "--token"]
TOKEN_MODE = "--token" in sys.argv[1:]
WORKSPACE = os.path.abspath(ARGS[0]) if ARGS and not ARGS[0].startswith("-") else ROOT

CORE_APP_MANIFEST = """[package]
name = "core-app"
version = "0.0.0"
edition = "2021"

[workspace]

[dependencies]
connect-core = {{ path = "{core}"{features} }}
"""

CORE_APP_MAIN = """fn main() {
    let link = connect_core::ConnectUrl::builder("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07".parse().unwrap())
        .redirect_uri("https://example.com/home".parse().unwrap())
        .build()
        .unwrap();
    println!("{link}");
}
"""

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


USER_APP_MAIN = """use connect_core::{ConnectUrl, State};
use connect_macros::connect_url;

static LINK: ConnectUrl = connect_url!(
    client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
    redirect_uri: "https://example.com/home",
    scope: [required read_odometer, read_vehicle_info, read_location],
    mode: simulated,
);

fn main() {
    let state = State::generate().expect("randomness");
    let url = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        redirect_uri: "https://example.com/home",
        scope: [required read_odometer, read_vin],
        state: state,
    );
    println!("{LINK}\n{url}");
}
"""


def user_app_manifest(workspace, by_path=True):
    """The user app's manifest: both crates by path into `workspace`, or (`by_path`
    false) from its git repository at its HEAD commit."""
    if by_path:
        core = f'path = "{workspace}/connect-core"'
        macros = f'path = "{workspace}/connect-macros"'
    else:
        git = lambda *a: subprocess.run(["git", *a], cwd=workspace, check=True,
                                        capture_output=True, text=True).stdout.strip()
        # A worktree's commits live in the repository it belongs to.
        repository = os.path.abspath(os.path.join(workspace, git("rev-parse", "--git-common-dir")))
        core = macros = f'git = "file://{repository}", rev = "{git("rev-parse", "HEAD")}"'
    return f"""[package]
name = "user-app"
version = "0.0.0"
edition = "2021"

[workspace]

[dependencies]
connect-core = {{ {core} }}
connect-macros = {{ {macros} }}
"""


def write_app(directory, manifest, main, lock):
    os.makedirs(os.path.join(directory, "src"))
    with open(os.path.join(directory, "Cargo.toml"), "w") as f:
        f.write(manifest)
    with open(os.path.join(directory, "src", "main.rs"), "w") as f:
        f.write(main)
    # Resolve against the workspace's lock file, so both use the same versions.
    shutil.copy(lock, os.path.join(directory, "Cargo.lock"))
    subprocess.run(["cargo", "fetch", "-q"], cwd=directory, check=True)


def user_app(workspaces, rounds, by_path):
    with tempfile.TemporaryDirectory(prefix="cold-build-") as base:
        url_app = os.path.join(base, "url-only")
        write_app(url_app, URL_ONLY_MANIFEST, URL_ONLY_MAIN, os.path.join(workspaces[0], "Cargo.lock"))
        apps = []
        for i, workspace in enumerate(workspaces):
            app = os.path.join(base, f"user-app-{i}")
            write_app(app, user_app_manifest(workspace, by_path), USER_APP_MAIN, os.path.join(workspace, "Cargo.lock"))
            apps.append((workspace, app))
        target = os.path.join(base, "target")
        build = ["cargo", "build", "--offline"]
        for round_ in range(1, rounds + 1):
            before = timed_cpu(build, url_app, target)
            times = [(w, timed_cpu(build, app, target)) for w, app in apps]
            after = timed_cpu(build, url_app, target)
            wall, cpu = ((before[i] + after[i]) / 2 for i in (0, 1))
            print(f"round {round_}: url-only app {before[0]:.1f} s / {after[0]:.1f} s wall, "
                  f"{before[1]:.1f} s / {after[1]:.1f} s CPU", flush=True)
            for workspace, (seconds, cpu_seconds) in times:
                print(f"  user app ({workspace}): {seconds:6.1f} s wall = {seconds / wall:4.2f}x, "
                      f"{cpu_seconds:6.1f} s CPU = {cpu_seconds / cpu:4.2f}x url-only", flush=True)


def timed(command, cwd, target):
    """Seconds `command` takes in `cwd` with the empty target directory `target`."""
    return timed_cpu(command, cwd, target)[0]


def timed_cpu(command, cwd, target):
    """(wall, CPU) seconds of `command`: CPU is user + system time of every process it
    started (rustc, build scripts), which the other work on a shared machine disturbs
    much less than the wall time."""
    shutil.rmtree(target, ignore_errors=True)
    env = dict(os.environ, CARGO_TARGET_DIR=target)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    shutil.rmtree(target, ignore_errors=True)
    return seconds, cpu


def test_run(workspaces):
    """`--test-run`: the README's test command, cold, in each checkout in turn (each with its
    own empty target directory), between two builds of the url-only app; the load average
    before each, since on a shared machine only ratios measured together compare."""
    with tempfile.TemporaryDirectory(prefix="cold-build-") as base:
        url_app = os.path.join(base, "url-only")
        write_app(url_app, URL_ONLY_MANIFEST, URL_ONLY_MAIN, os.path.join(workspaces[0], "Cargo.lock"))
        for workspace in workspaces:
            subprocess.run(["cargo", "fetch", "-q"], cwd=workspace, check=True)
        target = os.path.join(base, "target")
        load = lambda: "load %.1f %.1f %.1f" % os.getloadavg()
        runs = []
        runs.append(("url-only app: cargo build (before)", load(), timed_cpu(["cargo", "build", "--offline"], url_app, target)))
        for workspace in workspaces:
            runs.append((f"cargo test --workspace ({workspace})", load(),
                         timed_cpu(["cargo", "test", "--offline", "--workspace"], workspace, target)))
        runs.append(("url-only app: cargo build (after)", load(), timed_cpu(["cargo", "build", "--offline"], url_app, target)))
        wall, cpu = ((runs[0][2][i] + runs[-1][2][i]) / 2 for i in (0, 1))
        for name, loadavg, (seconds, cpu_seconds) in runs:
            print(f"{name}: {seconds:6.1f} s wall = {seconds / wall:5.2f}x, "
                  f"{cpu_seconds:6.1f} s CPU = {cpu_seconds / cpu:5.2f}x url-only ({loadavg} before)", flush=True)


def main():
    if "--test-run" in sys.argv[1:]:
        test_run([os.path.abspath(a) for a in sys.argv[1:] if a != "--test-run"] or [ROOT])
        return
    if "--user-app" in sys.argv[1:]:
        args = [a for a in sys.argv[1:] if a not in ("--user-app", "--path")]
        rounds = 2
        if "--rounds" in args:
            i = args.index("--rounds")
            rounds = int(args[i + 1])
            del args[i:i + 2]
        user_app([os.path.abspath(a) for a in args] or [ROOT], rounds, "--path" in sys.argv)
        return
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
        if TOKEN_MODE:
            token_mode(base, app, target, results)
            return
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


def core_app(base, name, features):
    """A small app on connect-core (path dependency), its lock file from the workspace's."""
    app = os.path.join(base, name)
    os.makedirs(os.path.join(app, "src"))
    with open(os.path.join(app, "Cargo.toml"), "w") as f:
        f.write(CORE_APP_MANIFEST.format(core=os.path.join(WORKSPACE, "connect-core"), features=features))
    with open(os.path.join(app, "src", "main.rs"), "w") as f:
        f.write(CORE_APP_MAIN)
    shutil.copy(os.path.join(WORKSPACE, "Cargo.lock"), os.path.join(app, "Cargo.lock"))
    subprocess.run(["cargo", "fetch", "-q"], cwd=app, check=True)
    return app


def token_mode(base, url_app, target, results):
    without = core_app(base, "without", "")
    with_token = core_app(base, "with", ', features = ["token"]')
    build = ["cargo", "build", "--offline"]
    results.append(("url-only app: cargo build (before)", timed_cpu(build, url_app, target)))
    # Interleaved twice, so that a change of the machine's load shows as a
    # difference between the two builds of the same app.
    for run in (1, 2):
        results.append((f"app on connect-core: cargo build ({run})", timed_cpu(build, without, target)))
        results.append((f"app on connect-core + token: cargo build ({run})", timed_cpu(build, with_token, target)))
    results.append(("url-only app: cargo build (after)", timed_cpu(build, url_app, target)))
    url_wall = (results[0][1][0] + results[-1][1][0]) / 2
    url_cpu = (results[0][1][1] + results[-1][1][1]) / 2
    print(f"workspace: {WORKSPACE} (--token); wall and CPU (user + system) seconds, ratios to url-only")
    for name, (wall, cpu) in results:
        print(f"{name:48} wall {wall:6.1f} s {wall / url_wall:5.2f}x   cpu {cpu:6.1f} s {cpu / url_cpu:5.2f}x")
    for name in ("without", "with"):
        tree = subprocess.run(["cargo", "tree", "-q", "--offline", "-e", "normal", "--prefix", "none"],
                              cwd=os.path.join(base, name), check=True, capture_output=True, text=True).stdout
        crates = {line.replace(" (*)", "") for line in tree.splitlines() if line}
        print(f"crates in the app's tree ({name} the feature): {len(crates)}")


if __name__ == "__main__":
    main()
