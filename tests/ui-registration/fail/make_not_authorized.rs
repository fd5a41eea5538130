// A make the application may not request ("Application not authorized to
// requested make(s): …").
use connect_macros::connect_url;

fn main() {
    let _ = connect_url!(app: production, make: BMW);
}
