// `app_id!` without a registration: there is no application to name.
use connect_macros::app_id;

fn main() {
    let _ = app_id!(production);
}
