//! Checks a Connect link, e.g. one copied from the dashboard or from another SDK,
//! as Connect reads it: prints every finding (errors and warnings, each with how
//! to fix it), then the typed breakdown, or exits with code 1 when an error means
//! Connect would refuse the link.
//!
//! `cargo run --example lint -- 'https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=…'`

use std::process::ExitCode;

use connect_core::{BatteryCapacityLink, ConnectUrl, Finding, BATTERY_CAPACITY_PATH};

fn print_findings(findings: &[Finding]) {
    for finding in findings {
        let e = finding.as_error();
        eprintln!("{}: {}", finding.severity(), e.message());
        if let Some(help) = e.help() {
            eprintln!("  help: {help}");
        }
    }
}

/// The battery-capacity link Smartcar's API hands over.
fn battery_capacity(text: &str) -> ExitCode {
    let report = BatteryCapacityLink::read(text);
    print_findings(report.findings());
    let Some(link) = report.url() else {
        eprintln!("Connect would refuse this battery-capacity link");
        return ExitCode::FAILURE;
    };
    println!("a valid battery-capacity link");
    println!("  origin             {}", link.origin());
    println!("  vehicle_id         {}", link.vehicle_id());
    println!(
        "  {:<18} {}",
        link.app_id_parameter().name(),
        link.client_id()
    );
    match link.redirect_uri() {
        Some(uri) => println!("  redirect_uri       {uri}"),
        None => println!("  redirect_uri       (empty: fill it with `with_redirect_uri`)"),
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let Some(text) = std::env::args().nth(1) else {
        eprintln!("usage: lint CONNECT_URL");
        return ExitCode::from(2);
    };
    if text.contains(&format!("{BATTERY_CAPACITY_PATH}?")) {
        return battery_capacity(&text);
    }
    let report = ConnectUrl::read(&text);
    print_findings(report.findings());
    match report.url() {
        Some(url) => {
            let r = url.request();
            println!(
                "a valid Connect {} link",
                if r.is_permission_upgrade() {
                    "Tesla permission upgrade"
                } else if r.is_reauthentication() {
                    "re-authentication"
                } else {
                    "authorization"
                }
            );
            println!("  origin             {}", url.origin());
            println!("  {:<18} {}", r.app_id_parameter().name(), r.client_id());
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
            show(
                "mode",
                r.mode().map(|v| match r.deprecated_mode() {
                    Some(deprecated) => format!("{deprecated} (deprecated: {v})"),
                    None => v.to_string(),
                }),
            );
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
