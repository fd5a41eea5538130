// `app_id!` names an application of the registration: an unknown name gets the
// registration's did-you-mean, and anything but a name says what it takes.
use connect_core::ClientId;
use connect_macros::app_id;

const PRODUCTION: ClientId = app_id!(prodution);

fn main() {
    let _ = PRODUCTION;
    let _ = app_id!("production");
    let _ = app_id!(production, staging);
}
