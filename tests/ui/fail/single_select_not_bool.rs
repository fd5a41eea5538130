use connect_macros::connect_url;

fn main() {
    let _url = connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", single_select: "yes");
}
