//! Every key takes an expression of its connect-core type, chosen at run time:
//! the mode from the environment, the permissions and the make from the program.
//! The value is still a `ConnectUrl` that cannot fail; `?` in an expression keeps
//! its meaning (it is evaluated where it is written).
use connect_core::{
    ApprovalPrompt, ConnectUrl, Country, ExternalId, Flag, Flags, Make, Mode, Permission, Scope,
    ScopeEntry, WebRedirectUri,
};
use connect_macros::connect_url;

struct Config {
    mode: Mode,
}

fn main() -> Result<(), connect_core::Error> {
    let config = Config {
        mode: if std::env::var_os("LIVE").is_some() {
            Mode::Live
        } else {
            Mode::Simulated
        },
    };
    let scope = Scope::new([ScopeEntry::required(Permission::ReadOdometer)])?;
    let make: Make = "TESLA".parse()?;
    let approval_prompt = ApprovalPrompt::Force;
    let single_select = false;
    let flags = Flags::new([Flag::country("DE".parse::<Country>()?)])?;
    let redirect: WebRedirectUri = "https://example.com/home".parse()?;
    let url: ConnectUrl = connect_url!(
        client_id: "abc".parse::<connect_core::ClientId>()?,
        mode: config.mode,
        scope: scope,
        make: make,
        approval_prompt: approval_prompt,
        single_select: single_select,
        flags: &flags,
        redirect_uri: redirect,
        external_id: "owner 7".parse::<ExternalId>()?,
    );
    assert_eq!(
        url.as_str(),
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=abc\
         &scope=required%3Aread_odometer&redirect_uri=https%3A%2F%2Fexample.com%2Fhome\
         &approval_prompt=force&mode=simulated&make=TESLA&single_select=false\
         &flags=country%3ADE&external_id=owner%207"
    );
    // `mode: mode`: a bare identifier that names no value is an expression.
    let mode = Mode::Live;
    let live = connect_url!(client_id: "abc", mode: mode);
    assert!(live.as_str().ends_with("&mode=live"));
    // Literals and expressions mix; a parenthesised identifier is always an expression.
    let simulated = Mode::Simulated;
    let mixed = connect_url!(client_id: "abc", mode: (simulated), make: BMW, scope: [read_vin]);
    assert!(mixed
        .as_str()
        .ends_with("&scope=read_vin&mode=simulated&make=BMW"));
    Ok(())
}
