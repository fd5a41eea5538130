//! Checks a Connect link, e.g. one copied from the dashboard or from another SDK:
//! prints its typed breakdown, or every problem with how to fix it (exit code 1).
//!
//! `cargo run --example lint -- 'https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=…'`

use std::process::ExitCode;

use connect_core::ConnectUrl;

fn main() -> ExitCode {
    let Some(text) = std::env::args().nth(1) else {
        eprintln!("usage: lint CONNECT_URL");
        return ExitCode::from(2);
    };
    match ConnectUrl::parse_all(&text) {
        Ok(url) => {
            let r = url.request();
            println!(
                "a valid Connect {} link",
                if r.is_reauthentication() {
                    "re-authentication"
                } else {
                    "authorization"
                }
            );
            println!("  origin             {}", url.origin());
            println!("  client_id          {}", r.client_id());
            if let Some(v) = r.vehicle_id() {
                println!("  vehicle_id         {v}");
            }
            match r.scope() {
                Some(scope) => {
                    for e in scope.entries() {
                        let how = if e.is_required() {
                            "required"
                        } else {
                            "optional"
                        };
                        println!("  scope              {:<26} {how}", e.permission());
                    }
                }
                None => println!("  scope              (the dashboard's Vehicle Access settings)"),
            }
            let show = |name: &str, value: Option<String>| {
                if let Some(v) = value {
                    println!("  {name:<18} {v}");
                }
            };
            show("redirect_uri", r.redirect_uri().map(ToString::to_string));
            show("state", r.state().map(ToString::to_string));
            show(
                "approval_prompt",
                r.approval_prompt().map(|v| v.to_string()),
            );
            show("mode", r.mode().map(|v| v.to_string()));
            show(
                "make",
                r.make().map(|m| match m.brand() {
                    Some(brand) => format!("{m} ({brand})"),
                    None => format!("{m} (not in this catalog)"),
                }),
            );
            show("single_select", r.single_select().map(|v| v.to_string()));
            show(
                "single_select_vin",
                r.single_select_vin().map(ToString::to_string),
            );
            show("flags", r.flags().map(ToString::to_string));
            show("user", r.user().map(ToString::to_string));
            if url.as_str() != text.trim() {
                println!("\ncanonical form:\n{url}");
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!(
                "this link would not work ({} problem{}):",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            for e in errors {
                eprintln!("  error: {}", e.message());
                if let Some(help) = e.help() {
                    eprintln!("         help: {help}");
                }
            }
            ExitCode::FAILURE
        }
    }
}
