//! `connect-stand-in`: a local Smartcar Connect, served on 127.0.0.1 until Ctrl-C,
//! for other languages and manual work (Rust tests start it with the library).
//!
//! ```sh
//! connect-stand-in --port 4010 --registration smartcar.toml
//! connect-stand-in --port 4010 --redirect-uri http://127.0.0.1:8000/callback
//! ```
//!
//! Its demo credentials are fixed so that scripts in any language can use them:
//! every Connect application's client secret is `stand-in-demo-secret`
//! (`--client-secret` for all, `--app-secret APP_ID=SECRET` for one), and the v3
//! credential `client_stand_in_demo` has the secret `stand-in-demo-secret`
//! (`--v3-client-id` and `--v3-client-secret` replace it).

use std::process::ExitCode;

use clap::Parser;
use connect_core::registration::Registration;
use connect_core::RedirectUri;
use connect_stand_in::{StandIn, DEMO_CLIENT_SECRET, DEMO_V3_CLIENT_ID, DEMO_V3_CLIENT_SECRET};

/// A local Smartcar Connect, served on 127.0.0.1.
#[derive(Parser)]
#[command(name = "connect-stand-in", version)]
struct Options {
    /// The loopback port to listen on.
    #[arg(long, default_value_t = 4010)]
    port: u16,
    /// The application's registration (`smartcar.toml`): serve its applications
    /// as Connect does.
    #[arg(long, value_name = "FILE", conflicts_with = "redirect_uris")]
    registration: Option<std::path::PathBuf>,
    /// A registered redirect URI, for one application whose app id is whatever the
    /// link carries; repeat for several, the first is the default.
    #[arg(
        long = "redirect-uri",
        value_name = "URI",
        default_value = "http://127.0.0.1:8000/callback"
    )]
    redirect_uris: Vec<RedirectUri>,
    /// The client secret of every application not given its own with
    /// `--app-secret` (the demo's default is public).
    #[arg(long, value_name = "SECRET", default_value = DEMO_CLIENT_SECRET)]
    client_secret: String,
    /// One application's client secret; repeat for several.
    #[arg(long = "app-secret", value_name = "APP_ID=SECRET")]
    app_secrets: Vec<String>,
    /// The v3 API credential's id accepted at `POST /oauth2/token`.
    #[arg(long, value_name = "ID", default_value = DEMO_V3_CLIENT_ID)]
    v3_client_id: String,
    /// The v3 API credential's secret.
    #[arg(long, value_name = "SECRET", default_value = DEMO_V3_CLIENT_SECRET)]
    v3_client_secret: String,
}

fn main() -> ExitCode {
    let options = Options::parse();
    let builder = match &options.registration {
        Some(path) => match load(path) {
            Ok(registration) => StandIn::builder(registration),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        },
        None => StandIn::any_app_id(options.redirect_uris.clone()),
    };
    let mut builder = builder
        .port(options.port)
        .default_client_secret(&options.client_secret)
        .v3_credential(&options.v3_client_id, &options.v3_client_secret);
    for pair in &options.app_secrets {
        let Some((app_id, secret)) = pair.split_once('=') else {
            eprintln!("error: `--app-secret {pair}`: write it APP_ID=SECRET");
            return ExitCode::from(2);
        };
        builder = builder.client_secret(app_id, secret);
    }
    let stand_in = match builder.start() {
        Ok(stand_in) => stand_in,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("Connect stand-in at {}", stand_in.url());
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot wait for Ctrl-C: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = runtime.block_on(tokio::signal::ctrl_c()) {
        eprintln!("error: cannot wait for Ctrl-C ({e}); stopping");
    }
    drop(stand_in);
    ExitCode::SUCCESS
}

/// The registration read from `path`, or every problem of it, each with its line.
fn load(path: &std::path::Path) -> Result<Registration, String> {
    let shown = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("error: cannot read {shown}: {e}"))?;
    Registration::from_toml(&text, &shown).map_err(|e| e.to_string())
}
