use connect_core::ResponseType;
use connect_macros::connect_url;

fn main() {
    let _url = connect_url!(client_id: "abc", response_type: ResponseType::None);
}
