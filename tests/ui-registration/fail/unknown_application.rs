// `app:` names no application (did-you-mean); with several applications a link
// without `app` or a literal app id says which it is nowhere.
use connect_macros::connect_url;

fn main() {
    let _ = connect_url!(app: prodcution, scope: [read_vin]);
    let _ = connect_url!(scope: [read_vin]);
}
