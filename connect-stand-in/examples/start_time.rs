//! How long a test waits for a stand-in: `StandIn::builder(…).start()` until it
//! answers its first request over TCP, then its drop (BENCHMARKS.md, "The stand-in's
//! start"). Prints the median and the 90th percentile of ROUNDS (default 200).
//!
//! ```sh
//! cargo run --release -p connect-stand-in --example start_time [ROUNDS]
//! ```

use std::io::{Read as _, Write as _};
use std::time::{Duration, Instant};

use connect_core::registration::Registration;
use connect_stand_in::StandIn;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: usize = std::env::args()
        .nth(1)
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(200);
    let registration = Registration::from_toml(
        r#"
        [applications.production]
        app_id = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07"
        redirect_uris = ["http://localhost:8000/callback"]
        "#,
        "smartcar.toml",
    )?;
    let (mut starts, mut drops) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let begun = Instant::now();
        let stand_in = StandIn::builder(registration.clone())
            .client_secret("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", "secret")
            .start()?;
        // Answered: the first request's whole response read.
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", stand_in.port()))?;
        stream.write_all(b"GET /style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response)?;
        starts.push(begun.elapsed());
        let dropping = Instant::now();
        drop(stand_in);
        drops.push(dropping.elapsed());
        assert!(response.starts_with(b"HTTP/1.1 200"));
    }
    let summary = |name: &str, times: &mut Vec<Duration>| {
        times.sort();
        // The `percent`-th percentile.
        let at = |percent: usize| times[(times.len() - 1) * percent / 100];
        println!(
            "{name}: median {:.2} ms, p90 {:.2} ms, max {:.2} ms ({} rounds)",
            at(50).as_secs_f64() * 1e3,
            at(90).as_secs_f64() * 1e3,
            at(100).as_secs_f64() * 1e3,
            times.len()
        );
    };
    summary("start to first answer", &mut starts);
    summary("drop (port closed)", &mut drops);
    Ok(())
}
