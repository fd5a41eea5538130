use connect_macros::connect_url;

fn main() {
    // An expression must be of the parameter's connect-core type: a `&str` from
    // outside is checked where it becomes a `State` (`"…".parse::<State>()?`).
    let csrf_state = "0facda3319";
    let _url = connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", state: csrf_state);
}
