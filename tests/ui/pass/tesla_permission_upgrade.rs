//! The Tesla permission upgrade: `/oauth/reauthenticate` without `vehicle_id`,
//! written as the link says it (`response_type: vehicle_id`), `make: TESLA` and a
//! scope; literal (rendered at compile time) or with expressions.
use connect_core::{Permission, Scope, ScopeEntry};
use connect_macros::connect_url;

static UPGRADE: connect_core::ConnectUrl = connect_url!(
    client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
    response_type: vehicle_id,
    make: TESLA,
    scope: [control_charge, control_security],
);

fn main() -> Result<(), connect_core::Error> {
    assert_eq!(
        UPGRADE.as_str(),
        "https://connect.smartcar.com/oauth/reauthenticate?response_type=vehicle_id\
         &client_id=8229df9f-91a0-4ff0-a1ae-a1f38ee24d07&scope=control_charge%20control_security\
         &make=TESLA"
    );
    assert!(UPGRADE.request().is_permission_upgrade());
    let scope = Scope::new([ScopeEntry::optional(Permission::ControlCharge)])?;
    let built =
        connect_url!(client_id: "abc", response_type: vehicle_id, make: TESLA, scope: scope);
    assert!(built.request().is_permission_upgrade());
    Ok(())
}
