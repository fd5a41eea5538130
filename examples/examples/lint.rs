//! Checks a Connect link, e.g. one copied from the dashboard or from another SDK,
//! as Connect reads it: prints every finding (errors and warnings, each with how
//! to fix it), then the typed breakdown, or exits with code 1 when an error means
//! Connect would refuse the link.
//!
//! `cargo run --example lint -- 'https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=…'`
//!
//! With `--registration smartcar.toml` it also checks the link against the
//! application's registration, as Connect does: an app id no application has, a
//! redirect URI not registered for it (with a did-you-mean), permissions or a make
//! it may not request.
//!
//! `cargo run --example lint -- --registration examples/servers/smartcar.toml 'https://…'`

use std::process::ExitCode;

use connect_core::registration::{Registration, RegistrationReport};
use connect_core::{BatteryCapacityLink, ConnectUrl, Finding, Report, BATTERY_CAPACITY_PATH};

const USAGE: &str = "usage: lint [--registration FILE] CONNECT_URL";

/// The link, and the registration file if one is given.
fn arguments() -> Result<(String, Option<String>), String> {
    let mut link = None;
    let mut registration = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--registration" {
            registration = Some(args.next().ok_or("--registration needs a FILE")?);
        } else if let Some(file) = arg.strip_prefix("--registration=") {
            registration = Some(file.to_owned());
        } else if link.is_none() {
            link = Some(arg);
        } else {
            return Err(format!("unexpected argument {arg:?}"));
        }
    }
    Ok((link.ok_or("no CONNECT_URL")?, registration))
}

/// The registration read from `path`, or why not.
fn load(path: &str) -> Result<Registration, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("error: cannot read {path}: {e}"))?;
    // Bytes that are not UTF-8 are an error at the line and column of the first.
    Registration::from_bytes(&bytes, path).map_err(|e| e.to_string())
}

fn print(finding: &Finding) {
    let e = finding.as_error();
    eprintln!("{}: {}", finding.severity(), e.message());
    if let Some(help) = e.help() {
        eprintln!("  help: {help}");
    }
}

/// The registration's findings on a link that reads (printed like the reader's).
fn check<'r>(
    report: &Report,
    registration: Option<&'r Registration>,
) -> Option<RegistrationReport<'r>> {
    Some(registration?.check(report.url()?))
}

/// The battery-capacity link Smartcar's API hands over.
fn battery_capacity(text: &str) -> ExitCode {
    let report = BatteryCapacityLink::read(text);
    report.findings().iter().for_each(print);
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
    let (text, registration) = match arguments() {
        Ok(arguments) => arguments,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let registration = match registration.as_deref().map(load).transpose() {
        Ok(registration) => registration,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if text.contains(&format!("{BATTERY_CAPACITY_PATH}?")) {
        return battery_capacity(&text);
    }
    let report = ConnectUrl::read(&text);
    report.findings().iter().for_each(print);
    let registered = check(&report, registration.as_ref());
    if let Some(registered) = &registered {
        registered.findings().iter().for_each(print);
    }
    let refused = registered.as_ref().map_or(0, |r| r.findings().len());
    match report.url().filter(|_| refused == 0) {
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
            let default = registered
                .as_ref()
                .filter(|_| r.redirect_uri().is_none())
                .and_then(|registered| registered.redirect_uri())
                .map(|uri| format!("{uri} (the registered default)"));
            show(
                "redirect_uri",
                r.redirect_uri().map(ToString::to_string).or(default),
            );
            if let Some(app) = registered.as_ref().and_then(|r| r.application()) {
                show("application", Some(app.name().to_owned()));
            }
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
            let errors = report.errors().count() + refused;
            let s = if errors == 1 { "" } else { "s" };
            eprintln!("Connect would refuse this link ({errors} error{s})");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The registration both server examples read.
    const SERVERS: &str = include_str!("../servers/smartcar.toml");

    fn messages(link: &str) -> Vec<String> {
        let registration = Registration::from_toml(SERVERS, "smartcar.toml").unwrap();
        let report = ConnectUrl::read(link);
        let checked = check(&report, Some(&registration)).unwrap();
        checked.findings().iter().map(|f| format!("{f}")).collect()
    }

    const LINK: &str = "https://connect.smartcar.com/oauth/authorize?response_type=code\
        &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&scope=read_odometer";

    #[test]
    fn a_registered_link_has_no_finding() {
        assert_eq!(messages(LINK), Vec::<String>::new());
        let home = format!("{LINK}&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback");
        assert_eq!(messages(&home), Vec::<String>::new());
    }

    #[test]
    fn an_unregistered_redirect_uri_and_a_permission_are_errors() {
        let link = format!(
            "{LINK}%20control_charge&redirect_uri=http%3A%2F%2F127.0.0.1%3A8000%2Fcallback%2F"
        );
        let found = messages(&link);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with(
                "error: `redirect_uri` `http://127.0.0.1:8000/callback/` is not registered"
            ),
            "{found:?}"
        );
        assert!(
            found[0].contains(
                "did you mean `http://127.0.0.1:8000/callback`? (the trailing slash differs)"
            ),
            "{found:?}"
        );
        assert!(
            found[1].contains(
                "\"Application not authorized to request permission(s): control_charge\""
            ),
            "{found:?}"
        );
    }

    #[test]
    fn another_app_id_is_an_error() {
        let found = messages(&LINK.replace("8229df9f", "8229df9e"));
        assert!(
            found[0].contains("\"400: Invalid parameter client_id\""),
            "{found:?}"
        );
    }

    #[test]
    fn a_v3_api_credential_as_app_id_is_an_error_not_a_warning() {
        let report = ConnectUrl::read(&LINK.replace(
            "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
            "client_9a8b7c6d5e4f",
        ));
        assert!(report.url().is_none(), "lint calls such a link invalid");
        let found: Vec<String> = report.findings().iter().map(|f| format!("{f}")).collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(
                "error: `client_9a8b7c6d5e4f` is a v3 API credential, not a Connect app id"
            ),
            "{found:?}"
        );
        assert!(found[0].contains("Smartcar dashboard"), "{found:?}");
    }

    #[test]
    fn a_malformed_registration_names_its_line() {
        let e = load("/nonexistent/smartcar.toml").unwrap_err();
        assert!(
            e.starts_with("error: cannot read /nonexistent/smartcar.toml"),
            "{e}"
        );
    }
}
