use connect_macros::connect_url;

fn main() {
    let _url = connect_url!(client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07", redirect_uri: "sc4a1b01e5-0497-417c-a30e-6df6ba33ba46://callback");
}
