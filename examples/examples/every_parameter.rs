//! Every parameter of a Connect link at once, and the typed breakdown of the result.
//!
//! `cargo run --example every_parameter`

use connect_core::{ConnectUrl, State};
use connect_macros::connect_url;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let state = State::generate()?;
    let url: ConnectUrl = connect_url!(
        client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
        redirect_uri: "https://example.com/home",
        scope: [required read_odometer, required read_vin, read_location, control_charge],
        state: state,
        approval_prompt: force,
        mode: simulated,
        single_select: true,
        single_select_vin: "5YJ3E1EA7KF317000",
        flags: [country: US, "account_sync": true],
        user: "e9b24987-52e8-4d40-8417-bfa4402c9e16",
        external_id: "owner-42",
    );
    println!("{url}\n");
    let r = url.request();
    println!("client_id          {}", r.client_id());
    println!(
        "redirect_uri       {}",
        r.redirect_uri()
            .map(|v| v.as_str())
            .unwrap_or("(dashboard default)")
    );
    for entry in r.scope().map(|s| s.entries()).unwrap_or_default() {
        let how = if entry.is_required() {
            "required"
        } else {
            "optional"
        };
        println!(
            "scope              {:<16} {how:<8} {}",
            entry.permission(),
            entry.permission().description()
        );
    }
    println!(
        "state              {}",
        r.state().map(|s| s.as_str()).unwrap_or("-")
    );
    println!(
        "approval_prompt    {}",
        r.approval_prompt().map_or("-", |v| v.name())
    );
    println!("mode               {}", r.mode().map_or("-", |v| v.name()));
    println!("single_select      {:?}", r.single_select());
    println!(
        "single_select_vin  {}",
        r.single_select_vin().map(|v| v.as_str()).unwrap_or("-")
    );
    if let Some(flags) = r.flags() {
        for flag in flags.iter() {
            println!("flag               {flag}");
        }
    }
    println!(
        "user               {}",
        r.user().map(|u| u.as_str()).unwrap_or("-")
    );
    println!(
        "external_id        {}",
        r.external_id().map(|u| u.as_str()).unwrap_or("-")
    );
    Ok(())
}
