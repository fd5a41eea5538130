//! Checks a Connect link, e.g. one copied from the dashboard or from another SDK,
//! as Connect reads it: prints every finding (errors and warnings, each with how
//! to fix it), then the typed breakdown, or exits with code 1 when an error means
//! Connect would refuse the link.
//!
//! `cargo run --example lint -- 'https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=…'`

use std::process::ExitCode;

use connect_core::ConnectUrl;

fn main() -> ExitCode {
    let Some(text) = std::env::args().nth(1) else {
        eprintln!("usage: lint CONNECT_URL");
        return ExitCode::from(2);
    };
    let report = ConnectUrl::read(&text);
    for finding in report.findings() {
        let e = finding.as_error();
        eprintln!("{}: {}", finding.severity(), e.message());
        if let Some(help) = e.help() {
            eprintln!("  help: {help}");
        }
    }
    match report.url() {
        Some(url) => {
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
            println!("  {:<18} {}", r.app_id_parameter(), r.client_id());
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
            show("external_id", r.external_id().map(ToString::to_string));
            for (name, value) in r.extra() {
                show(name, Some(value.clone()));
            }
            if url.as_str() != text.trim() {
                println!("\ncanonical form:\n{url}");
            }
            ExitCode::SUCCESS
        }
        None => {
            let errors = report.errors().count();
            let s = if errors == 1 { "" } else { "s" };
            eprintln!("Connect would refuse this link ({errors} error{s})");
            ExitCode::FAILURE
        }
    }
}
