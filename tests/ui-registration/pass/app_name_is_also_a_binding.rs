// `app: NAME` names an application of the registration, not a value: a binding
// or a function of the user's with the same name, used in another key, keeps
// its meaning (the hover item of `app:` must not shadow it).
use connect_core::State;
use connect_macros::connect_url;

fn staging() -> State {
    "7c1e5b".parse().unwrap()
}

fn main() {
    let production: State = "0facda3319".parse().unwrap();
    let link = connect_url!(app: production, state: &production, scope: [read_vin]);
    assert!(link.as_str().contains("state=0facda3319"));

    let other = connect_url!(app: staging, state: staging());
    assert!(other.as_str().contains("state=7c1e5b"));
}
