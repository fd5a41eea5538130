//! A link whose client id and redirect URI come from the environment, with a fresh
//! random state: how a deployed backend is configured.
//!
//! ```sh
//! SMARTCAR_CLIENT_ID=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07 \
//! SMARTCAR_REDIRECT_URI=http://localhost:8000/callback \
//! cargo run --example from_env
//! ```
//!
//! Values from outside are checked where they become typed (`FromStr`); a missing
//! or invalid variable is a clear message and exit code 1, never a panic.

use std::process::ExitCode;

use connect_core::{ClientId, ConnectUrl, State, WebRedirectUri};
use connect_macros::connect_url;

fn variable<T: std::str::FromStr<Err = connect_core::Error>>(name: &str) -> Result<T, String> {
    let value = std::env::var(name).map_err(|_| {
        format!(
            "{name} is not set; export it, e.g. from the credentials tab of the Smartcar dashboard"
        )
    })?;
    value
        .parse()
        .map_err(|e| format!("{name}={value:?} is invalid: {e}"))
}

fn link() -> Result<ConnectUrl, String> {
    let client_id: ClientId = variable("SMARTCAR_CLIENT_ID")?;
    // A web redirect URI goes with any client id: a mobile `sc<id>://` one is
    // refused here, where it enters, with a message that says why.
    let redirect_uri: WebRedirectUri = variable("SMARTCAR_REDIRECT_URI")?;
    let state = State::generate().map_err(|e| format!("no randomness for the state: {e}"))?;
    Ok(connect_url!(
        client_id: client_id,
        redirect_uri: redirect_uri,
        scope: [required read_odometer, read_vin],
        state: state,
    ))
}

fn main() -> ExitCode {
    match link() {
        Ok(url) => {
            println!("{url}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
