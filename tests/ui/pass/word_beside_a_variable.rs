// A bare word that names a value is that value, even where a variable of the same
// name is in scope; in parentheses it is the variable.
use connect_core::{ApprovalPrompt, Mode};
use connect_macros::connect_url;

#[allow(non_snake_case)]
fn main() {
    let live: Mode = Mode::Simulated;
    let force: ApprovalPrompt = ApprovalPrompt::Auto;
    let TESLA: connect_core::Make = "BMW".parse().unwrap();
    let word = connect_url!(client_id: "8229df9f", mode: live, approval_prompt: force, make: TESLA);
    assert!(
        word.as_str()
            .ends_with("&approval_prompt=force&mode=live&make=TESLA"),
        "{word}"
    );
    let variable =
        connect_url!(client_id: "8229df9f", mode: (live), approval_prompt: (force), make: (TESLA));
    assert!(
        variable
            .as_str()
            .ends_with("&approval_prompt=auto&mode=simulated&make=BMW"),
        "{variable}"
    );
}
