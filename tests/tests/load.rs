//! Load and abuse (issue 11.5), over loopback, bounded in count and time.
//!
//! Both servers run in this process: the web example on the test's multi-threaded
//! tokio runtime of two workers (what `#[tokio::main]` gives the examples on a
//! 2-core machine), shared with the clients, and the stand-in on the runtime of its
//! own that `connect-stand-in` starts. A request that holds a worker of a server
//! stalls that server's other requests, so each server is probed in turn. Then:
//!
//! 1. a burst of whole web flows (home → connect → stand-in's grant page → grant
//!    → callback), [`IN_FLIGHT`] at a time: every request must succeed;
//! 2. while hostile requests are in flight (queries of thousands of parameters or
//!    flags just under the URL limit, queries over it, grant bodies over the body
//!    limit), an unrelated `GET /` (of each server in turn) is timed: its p99 must stay within
//!    [`LATENCY_RATIO`] × its idle median, measured in the same run (a ratio, so a
//!    slow machine does not fail it), or within [`LATENESS_RATIO`] × how late a
//!    thread of the process wakes up meanwhile, whichever is larger (what the
//!    rest of a busy machine adds, so that a loaded machine does not fail it
//!    either), and under [`LATENCY_CEILING`]; every hostile
//!    request must get its expected answer ([`Hostile::allowed`]), never a 5xx or
//!    a hang;
//! 3. the same again, and the process's resident memory after the second round
//!    must be within [`RSS_GROWTH_LIMIT`] of what it was after the first.
//!
//! A bound that breaks is measured again before the test fails, up to
//! [`ATTEMPTS`] times in all (the `linear-cost` harness's `remeasured_async`): a
//! p99 over a bound re-runs the hostile round against a fresh idle median; a
//! memory growth over the bound runs one more round and compares with the one
//! before (a leak grows every round, the allocator taking more once does not). A
//! stall fails every time; a burst of load from the rest of a shared machine
//! does not. The failure says which bound broke and by how much, each time.
//!
//! The figures are printed (`cargo test -p connect-tests --test load -- --nocapture`,
//! as CI runs it); BENCHMARKS.md reports them.

mod support;

use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use linear_cost::remeasured_async;
use reqwest::header::{CONNECTION, COOKIE, LOCATION, SET_COOKIE};
use reqwest::{redirect, Client, StatusCode};
use support::{hidden_input, start_as_deployed, ConnectionLimits, Servers};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Whole flows per burst; each is [`REQUESTS_PER_FLOW`] requests.
const FLOWS_PER_BURST: usize = 600;
/// home, connect, grant page, grant, callback.
const REQUESTS_PER_FLOW: usize = 5;
/// Flows in flight at once.
const IN_FLIGHT: usize = 32;
/// `GET /` timed one after the other, idle and then under hostile load.
const PROBES: usize = 200;
/// Hostile requests in flight at once while the probes run.
const HOSTILE_IN_FLIGHT: usize = 4;
/// Each kind of hostile request is sent this many times a round.
const HOSTILE_EACH: usize = 3;
/// p99 of `GET /` under hostile load ≤ this × its idle median, or ≤
/// [`LATENESS_RATIO`] × the p99 of a wake-up's lateness in the same round
/// ([`wake_lateness`]), whichever is larger…
const LATENCY_RATIO: u32 = 50;
/// …(a `GET /` is a few wake-ups, each as late as the machine makes it; a stalled
/// worker makes it wait for a whole hostile request)…
const LATENESS_RATIO: u32 = 10;
/// …and ≤ this.
const LATENCY_CEILING: Duration = Duration::from_secs(2);
/// Resident memory may grow by at most this between the end of the first round
/// and the end of the second.
const RSS_GROWTH_LIMIT: u64 = 20 * 1024 * 1024;
/// A bound that breaks is measured this many times in all before the test fails.
const ATTEMPTS: usize = 3;
/// A request that has not been answered after this is a failure, not a wait.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
/// Just under connect-core's `MAX_URL_LEN` (64 KiB) and hyper's URI limit
/// (65 534 bytes): the largest query that is read in full.
const NEAR_LIMIT: usize = 60_000;
/// Over both limits: answered without being read.
const OVER_LIMIT: usize = 100_000;

/// How long the clients keep an idle connection for another request: well under
/// the servers' header-read timeout, after which a server closes a keep-alive
/// connection that sent nothing. A pooled connection kept as long as that is
/// reused just as the server closes it, and the request sent on it fails
/// ("connection closed before message completed", or a reset); on a busy machine
/// the client learns of the close late, and it did, within seconds (issue 26).
const POOL_IDLE: Duration = Duration::from_secs(2);

fn client() -> Client {
    Client::builder()
        .redirect(redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .pool_idle_timeout(POOL_IDLE)
        .build()
        .unwrap()
}

/// One whole flow; the time of each of its requests, or what went wrong.
async fn flow(client: &Client, servers: &Servers) -> Result<Vec<Duration>, String> {
    let mut times = Vec::with_capacity(REQUESTS_PER_FLOW);

    let start = Instant::now();
    let home = client.get(&servers.web).send().await.map_err(|e| why(&e))?;
    expect(home.status(), StatusCode::OK, "home")?;
    home.bytes().await.map_err(|e| why(&e))?;
    times.push(start.elapsed());

    let start = Instant::now();
    let connect = client
        .get(format!("{}/connect", servers.web))
        .send()
        .await
        .map_err(|e| why(&e))?;
    expect(connect.status(), StatusCode::FOUND, "connect")?;
    let link = header(&connect, LOCATION)?;
    let cookie = header(&connect, SET_COOKIE)?;
    let cookie = cookie.split(';').next().unwrap_or_default().to_owned();
    times.push(start.elapsed());

    let start = Instant::now();
    let grant_page = client.get(&link).send().await.map_err(|e| why(&e))?;
    expect(grant_page.status(), StatusCode::OK, "grant page")?;
    let grant_page = grant_page.text().await.map_err(|e| why(&e))?;
    let form_link = hidden_input(&grant_page, "link").ok_or("no link in the grant page")?;
    times.push(start.elapsed());

    let start = Instant::now();
    let back = client
        .post(format!("{}/oauth/grant", servers.stand_in))
        .form(&[
            ("link", form_link.as_str()),
            ("decision", "allow"),
            ("permission", "read_odometer"),
        ])
        .send()
        .await
        .map_err(|e| why(&e))?;
    expect(back.status(), StatusCode::FOUND, "grant")?;
    let location = header(&back, LOCATION)?;
    times.push(start.elapsed());

    let start = Instant::now();
    let done = client
        .get(&location)
        .header(COOKIE, &cookie)
        .send()
        .await
        .map_err(|e| why(&e))?;
    expect(done.status(), StatusCode::OK, "callback")?;
    let page = done.text().await.map_err(|e| why(&e))?;
    if !page.contains(r#"<code id="code">"#) {
        return Err(format!("the callback page shows no code: {page}"));
    }
    times.push(start.elapsed());
    Ok(times)
}

/// What went wrong with a request: the error and each of its causes, so that a
/// failure says which end gave up and why ("connection closed before message
/// completed", "connection refused", a timeout), not only "error sending request".
fn why(error: &reqwest::Error) -> String {
    let mut why = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let _ = write!(why, ": {cause}");
        source = cause.source();
    }
    why
}

fn expect(got: StatusCode, want: StatusCode, what: &str) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: {got}, expected {want}"))
    }
}

fn header(
    response: &reqwest::Response,
    name: reqwest::header::HeaderName,
) -> Result<String, String> {
    response
        .headers()
        .get(&name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| format!("no {name} header"))
}

/// A burst of [`FLOWS_PER_BURST`] flows, [`IN_FLIGHT`] at a time: the time of
/// every request, and how long the burst took. Panics on the first failure.
async fn burst(servers: &Arc<Servers>) -> (Vec<Duration>, Duration) {
    let client = client();
    let start = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for worker in 0..IN_FLIGHT {
        let (client, servers) = (client.clone(), Arc::clone(servers));
        // Flows dealt round-robin: worker w runs flows w, w + IN_FLIGHT, …
        let flows = (worker..FLOWS_PER_BURST).step_by(IN_FLIGHT).count();
        workers.spawn(async move {
            let mut times = Vec::with_capacity(flows * REQUESTS_PER_FLOW);
            for _ in 0..flows {
                times.extend(flow(&client, &servers).await?);
            }
            Ok::<_, String>(times)
        });
    }
    let mut times = Vec::with_capacity(FLOWS_PER_BURST * REQUESTS_PER_FLOW);
    while let Some(worker) = workers.join_next().await {
        match worker.unwrap() {
            Ok(t) => times.extend(t),
            Err(e) => panic!("a normal request failed under load: {e}"),
        }
    }
    assert_eq!(times.len(), FLOWS_PER_BURST * REQUESTS_PER_FLOW);
    (times, start.elapsed())
}

/// The hostile requests, each a way to make a server work or wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hostile {
    /// `/callback` with thousands of distinct parameters, just under the limit,
    /// with a session cookie so that the query is read (issue 11: 3 s each).
    CallbackManyParameters,
    /// `/oauth/authorize` with thousands of unknown parameters (each warned with
    /// a did-you-mean), just under the limit.
    AuthorizeManyParameters,
    /// `/oauth/authorize` with thousands of flags, just under the limit
    /// (issue 11: quadratic flag checks).
    AuthorizeManyFlags,
    /// A query over the limit, sent raw (the HTTP client refuses to build it).
    CallbackOversized,
    /// The same to the stand-in.
    AuthorizeOversized,
    /// A grant form far over the stand-in's body limit (issue 11: 2 MB bodies).
    GrantOversizedBody,
}

impl Hostile {
    /// The answers allowed: a link just under the limit is read in full, so it may
    /// be accepted (its warnings shown) or refused; what is over a limit is refused
    /// unread. Never a 5xx, never a hang.
    fn allowed(self) -> &'static [u16] {
        match self {
            Hostile::CallbackManyParameters => &[400],
            Hostile::AuthorizeManyParameters | Hostile::AuthorizeManyFlags => &[200, 400],
            Hostile::CallbackOversized | Hostile::AuthorizeOversized => &[414],
            Hostile::GrantOversizedBody => &[413],
        }
    }

    const ALL: [Hostile; 6] = [
        Hostile::CallbackManyParameters,
        Hostile::AuthorizeManyParameters,
        Hostile::AuthorizeManyFlags,
        Hostile::CallbackOversized,
        Hostile::AuthorizeOversized,
        Hostile::GrantOversizedBody,
    ];
}

/// `prefix` then `item(i)` for i = 0, 1, … joined by `separator`, until `len` bytes.
fn filled(prefix: &str, separator: &str, len: usize, item: impl Fn(usize) -> String) -> String {
    let mut out = prefix.to_owned();
    for i in 0.. {
        let next = item(i);
        if out.len() + separator.len() + next.len() > len {
            break;
        }
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(&next);
    }
    out
}

/// The hostile inputs, made once.
struct Inputs {
    callback_many: String,
    authorize_many: String,
    authorize_flags: String,
    callback_oversized: Vec<u8>,
    authorize_oversized: Vec<u8>,
    grant_body: String,
}

impl Inputs {
    fn new(servers: &Servers) -> Self {
        let raw = |path: &str| {
            let query = filled("", "&", OVER_LIMIT, |i| format!("p{i}=1"));
            format!("GET {path}?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: connect_state=hostile\r\nConnection: close\r\n\r\n")
                .into_bytes()
        };
        let authorize = format!(
            "{}/oauth/authorize?response_type=code&client_id=c&",
            servers.stand_in
        );
        Inputs {
            callback_many: filled(
                &format!("{}/callback?state=hostile&", servers.web),
                "&",
                NEAR_LIMIT,
                |i| format!("p{i}=1"),
            ),
            authorize_many: filled(&authorize, "&", NEAR_LIMIT, |i| format!("p{i}=1")),
            authorize_flags: filled(&format!("{authorize}flags="), "%20", NEAR_LIMIT, |i| {
                format!("f{i}%3A1")
            }),
            callback_oversized: raw("/callback"),
            authorize_oversized: raw("/oauth/authorize"),
            grant_body: "x".repeat(1024 * 1024),
        }
    }
}

/// Sends one hostile request; its status, or what went wrong.
async fn send_hostile(
    kind: Hostile,
    client: &Client,
    servers: &Servers,
    inputs: &Inputs,
) -> Result<u16, String> {
    let get = |url: &str| {
        client
            .get(url)
            .header(COOKIE, "connect_state=hostile")
            .send()
    };
    let response = match kind {
        Hostile::CallbackManyParameters => get(&inputs.callback_many).await,
        Hostile::AuthorizeManyParameters => get(&inputs.authorize_many).await,
        Hostile::AuthorizeManyFlags => get(&inputs.authorize_flags).await,
        Hostile::GrantOversizedBody => {
            // The stand-in answers 413 before reading the body and closes the
            // connection, while the client may still be writing the body: kept in
            // the pool, the connection broke the next request sent on it ("error
            // writing a body to connection: Broken pipe", under load 8).
            client
                .post(format!("{}/oauth/grant", servers.stand_in))
                .header(CONNECTION, "close")
                .body(inputs.grant_body.clone())
                .send()
                .await
        }
        Hostile::CallbackOversized => {
            return raw_status(&servers.web, &inputs.callback_oversized).await
        }
        Hostile::AuthorizeOversized => {
            return raw_status(&servers.stand_in, &inputs.authorize_oversized).await
        }
    };
    let response = response.map_err(|e| format!("{kind:?}: {}", why(&e.without_url())))?;
    let status = response.status().as_u16();
    // Read the whole answer: a server that writes a large page pays for it here.
    response
        .bytes()
        .await
        .map_err(|e| format!("{kind:?}: {}", why(&e.without_url())))?;
    Ok(status)
}

/// Sends `request` as it is and reads the status of the answer.
async fn raw_status(base: &str, request: &[u8]) -> Result<u16, String> {
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(base.strip_prefix("http://").unwrap())
            .await
            .map_err(|e| e.to_string())?;
        // The server may answer and close before it has read everything.
        let _ = stream.write_all(request).await;
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer).await;
        let answer = String::from_utf8_lossy(&answer);
        answer
            .strip_prefix("HTTP/1.1 ")
            .and_then(|rest| rest.get(..3))
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| format!("no HTTP answer: {answer:.200}"))
    };
    tokio::time::timeout(REQUEST_TIMEOUT, exchange)
        .await
        .map_err(|_| "no answer in time".to_owned())?
}

/// `GET /`, one after the other, on a connection of their own: [`PROBES`] of
/// them, and on until `until` is set. Every other one is the stand-in's
/// `GET /style.css` instead: the stand-in serves on a runtime of its own, and a
/// stalled stand-in would not delay the web example's `GET /`.
async fn probe(servers: &Servers, until: &AtomicBool) -> Vec<Duration> {
    let client = client();
    let targets = [
        servers.web.clone(),
        format!("{}/style.css", servers.stand_in),
    ];
    let mut times = Vec::with_capacity(PROBES);
    while times.len() < PROBES || !until.load(Ordering::Relaxed) {
        let target = &targets[times.len() % targets.len()];
        let start = Instant::now();
        let response = client.get(target).send().await.unwrap_or_else(|e| {
            panic!(
                "GET {target} failed after {:?}: {:?}",
                start.elapsed(),
                e.without_url()
            )
        });
        assert_eq!(response.status(), StatusCode::OK);
        response.bytes().await.unwrap();
        times.push(start.elapsed());
    }
    times
}

/// [`PROBES`] `GET /` with nothing else going on.
async fn probe_idle(servers: &Servers) -> Vec<Duration> {
    probe(servers, &AtomicBool::new(true)).await
}

/// Statistics of one hostile round.
struct Round {
    probes: Vec<Duration>,
    /// [`wake_lateness`] while the round ran.
    wake_lateness: Vec<Duration>,
    hostile_sent: usize,
    hostile_times: Vec<(Hostile, Duration)>,
}

/// Sends every hostile kind [`HOSTILE_EACH`] times, [`HOSTILE_IN_FLIGHT`] at a
/// time, and probes `GET /` until they are all answered.
async fn hostile_round(servers: &Arc<Servers>, inputs: &Arc<Inputs>) -> Round {
    let queue: Arc<Vec<Hostile>> = Arc::new((0..HOSTILE_EACH).flat_map(|_| Hostile::ALL).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let mut attackers = tokio::task::JoinSet::new();
    for _ in 0..HOSTILE_IN_FLIGHT {
        let (servers, inputs) = (Arc::clone(servers), Arc::clone(inputs));
        let (queue, next) = (Arc::clone(&queue), Arc::clone(&next));
        attackers.spawn(async move {
            let client = client();
            let mut times = Vec::new();
            while let Some(&kind) = queue.get(next.fetch_add(1, Ordering::Relaxed)) {
                let start = Instant::now();
                let status = send_hostile(kind, &client, &servers, &inputs).await?;
                if !kind.allowed().contains(&status) {
                    return Err(format!(
                        "{kind:?}: {status}, expected one of {:?}",
                        kind.allowed()
                    ));
                }
                times.push((kind, start.elapsed()));
            }
            Ok::<_, String>(times)
        });
    }
    let done = Arc::new(AtomicBool::new(false));
    let prober = {
        let (servers, done) = (Arc::clone(servers), Arc::clone(&done));
        tokio::spawn(async move { probe(&servers, &done).await })
    };
    let waker = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || wake_lateness(&done))
    };
    let mut hostile_times = Vec::new();
    while let Some(attacker) = attackers.join_next().await {
        match attacker.unwrap() {
            Ok(times) => hostile_times.extend(times),
            Err(e) => panic!("a hostile request was not refused cleanly: {e}"),
        }
    }
    done.store(true, Ordering::Relaxed);
    Round {
        probes: prober.await.unwrap(),
        wake_lateness: waker.join().unwrap(),
        hostile_sent: hostile_times.len(),
        hostile_times,
    }
}

/// How late a thread of this process wakes from a short sleep, again and again
/// until `until` is set: the delay the rest of the machine adds to any wake-up
/// (none on an idle machine, a scheduler's time slice or more on a busy one).
/// On a thread of its own, outside the runtime, so a stalled worker does not
/// delay it.
fn wake_lateness(until: &AtomicBool) -> Vec<Duration> {
    const NAP: Duration = Duration::from_millis(1);
    let mut late = Vec::new();
    while !until.load(Ordering::Relaxed) {
        let start = Instant::now();
        std::thread::sleep(NAP);
        late.push(start.elapsed().saturating_sub(NAP));
    }
    late
}

/// The resident memory of this process, in bytes, from `/proc/self/status`
/// (`VmRSS`, in KiB: no page size to assume); `None` off Linux.
fn resident_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn percentile(times: &mut [Duration], p: usize) -> Duration {
    times.sort_unstable();
    let rank = (times.len() * p).div_ceil(100).max(1);
    times[rank - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn mib(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // a figure to print
    let mib = bytes as f64 / (1024.0 * 1024.0);
    format!("{mib:.1} MiB")
}

/// `GET /` idle: warmed up, then [`PROBES`] timed; its median.
async fn idle_median(servers: &Servers, report: &mut String, when: &str) -> Duration {
    let _ = probe_idle(servers).await;
    let mut idle = probe_idle(servers).await;
    let median = percentile(&mut idle, 50);
    let _ = writeln!(
        report,
        "GET / idle{when}: median {}, p99 {}",
        ms(median),
        ms(percentile(&mut idle, 99))
    );
    median
}

/// Whether the p99 of `GET /` under hostile load is within both bounds; if not,
/// which broke and by how much. The ratio bound is to the idle median or to
/// what the machine's load added to a wake-up in the same round (`late_p99`),
/// whichever allows more.
fn latency_within_bounds(
    p99: Duration,
    idle_median: Duration,
    late_p99: Duration,
) -> Result<(), String> {
    let ratio = p99.as_secs_f64() / idle_median.as_secs_f64();
    let late_ratio = p99.as_secs_f64() / late_p99.as_secs_f64().max(1e-9);
    let over_ratio = p99 > (idle_median * LATENCY_RATIO).max(late_p99 * LATENESS_RATIO);
    let over_ceiling = p99 > LATENCY_CEILING;
    let ratios = format!("{LATENCY_RATIO}× the idle median or {LATENESS_RATIO}× the lateness");
    let bounds = match (over_ratio, over_ceiling) {
        (false, false) => return Ok(()),
        (true, false) => format!("the bound {ratios}"),
        (false, true) => format!("the ceiling {LATENCY_CEILING:?}"),
        (true, true) => format!("the bound {ratios} and the ceiling {LATENCY_CEILING:?}"),
    };
    Err(format!(
        "p99 {} = {ratio:.1}× the idle median {} and {late_ratio:.1}× the lateness of a \
         wake-up (p99) {}: over {bounds}",
        ms(p99),
        ms(idle_median),
        ms(late_p99)
    ))
}

/// One round: a burst of flows, then a hostile round while `GET /` is probed.
/// Its p99 over a bound is measured again (a fresh idle median, the hostile
/// round re-run) before the test fails. `idle_median` is the one to compare
/// with, and the last one measured after.
async fn round(
    round: usize,
    servers: &Arc<Servers>,
    inputs: &Arc<Inputs>,
    idle: &mut Duration,
    report: &mut String,
) {
    let (mut times, took) = burst(servers).await;
    let _ = writeln!(
        report,
        "round {round}: burst of {} requests in {} ({:.0} requests/s): median {}, p99 {}, max {}",
        times.len(),
        ms(took),
        f64::from(u32::try_from(times.len()).unwrap_or(u32::MAX)) / took.as_secs_f64(),
        ms(percentile(&mut times, 50)),
        ms(percentile(&mut times, 99)),
        ms(percentile(&mut times, 100)),
    );

    let mut attempt = 0;
    let held = remeasured_async(
        &format!("round {round}: GET / under hostile load"),
        ATTEMPTS,
        async || {
            attempt += 1;
            if attempt > 1 {
                *idle = idle_median(servers, report, &format!(" again (attempt {attempt})")).await;
            }
            let (p99, late_p99) = hostile(round, servers, inputs, *idle, report).await;
            latency_within_bounds(p99, *idle, late_p99)
        },
    )
    .await;
    if let Err(failure) = held {
        panic!("{failure}\n{report}");
    }
}

/// A hostile round, its figures written to `report`; the p99 of `GET /` during
/// it, and the p99 of [`wake_lateness`].
async fn hostile(
    round: usize,
    servers: &Arc<Servers>,
    inputs: &Arc<Inputs>,
    idle_median: Duration,
    report: &mut String,
) -> (Duration, Duration) {
    let Round {
        mut probes,
        mut wake_lateness,
        hostile_sent,
        hostile_times,
    } = hostile_round(servers, inputs).await;
    let (median, p99) = (percentile(&mut probes, 50), percentile(&mut probes, 99));
    let late_p99 = percentile(&mut wake_lateness, 99);
    let _ = writeln!(
        report,
        "round {round}: {} GET / under hostile load: median {}, p99 {} ({:.1}× the idle median), max {}; \
         a thread woke up to {} late (p99 of {}); \
         {hostile_sent} hostile requests answered (time to answer, queueing included):",
        probes.len(),
        ms(median),
        ms(p99),
        p99.as_secs_f64() / idle_median.as_secs_f64(),
        ms(percentile(&mut probes, 100)),
        ms(late_p99),
        wake_lateness.len(),
    );
    for kind in Hostile::ALL {
        let mut of_kind: Vec<Duration> = hostile_times
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, t)| *t)
            .collect();
        if !of_kind.is_empty() {
            let _ = writeln!(
                report,
                "    {kind:?}: {} sent, median {}, max {}",
                of_kind.len(),
                ms(percentile(&mut of_kind, 50)),
                ms(percentile(&mut of_kind, 100))
            );
        }
    }
    assert_eq!(hostile_sent, HOSTILE_EACH * Hostile::ALL.len());
    (p99, late_p99)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_servers_hold_under_load_and_abuse() {
    let test_start = Instant::now();
    let servers = Arc::new(start_as_deployed().await);
    assert!(POOL_IDLE < ConnectionLimits::default().header_read_timeout / 2);
    let inputs = Arc::new(Inputs::new(&servers));
    let mut report = String::new();
    let _ = writeln!(
        report,
        "load and abuse: {FLOWS_PER_BURST} flows × {REQUESTS_PER_FLOW} requests per burst, \
         {IN_FLIGHT} flows in flight; {HOSTILE_EACH} × {} kinds of hostile requests per round, \
         {HOSTILE_IN_FLIGHT} in flight, while GET / is probed one at a time",
        Hostile::ALL.len()
    );

    let mut idle = idle_median(&servers, &mut report, "").await;
    round(1, &servers, &inputs, &mut idle, &mut report).await;
    let Some(mut before) = resident_memory() else {
        round(2, &servers, &inputs, &mut idle, &mut report).await;
        let _ = writeln!(report, "whole test: {}", ms(test_start.elapsed()));
        println!("{report}\nno /proc/self/status: memory not checked");
        return;
    };
    let _ = writeln!(report, "round 1: resident memory {}", mib(before));
    // A leak grows the memory on every round; the allocator taking more once
    // does not. So a growth over the bound is measured again over one more round.
    let mut number = 1;
    let held = remeasured_async("resident memory over a round", ATTEMPTS, async || {
        number += 1;
        round(number, &servers, &inputs, &mut idle, &mut report).await;
        let after = resident_memory().unwrap_or(before);
        let _ = writeln!(report, "round {number}: resident memory {}", mib(after));
        let grew = after.saturating_sub(before);
        let (from, previous) = (std::mem::replace(&mut before, after), number - 1);
        if grew <= RSS_GROWTH_LIMIT {
            Ok(())
        } else {
            Err(format!(
                "grew by {} from {} (after round {previous}) to {} over round {number}: \
                 over the bound +{}",
                mib(grew),
                mib(from),
                mib(after),
                mib(RSS_GROWTH_LIMIT)
            ))
        }
    })
    .await;
    let _ = writeln!(report, "whole test: {}", ms(test_start.elapsed()));
    if let Err(failure) = held {
        panic!("{failure}\n{report}");
    }
    println!("{report}");
}
