//! Every parameter as a literal: the link is computed at compile time and can
//! initialise a `static` and a `const`.
use connect_core::{ApprovalPrompt, ConnectUrl, Mode, Permission};
use connect_macros::connect_url;

static STATIC_LINK: ConnectUrl = connect_url!(
    client_id: "client-id",
    scope: [read_odometer, required read_vin],
    redirect_uri: "scclient-id://callback",
    state: "some state&x=1",
    approval_prompt: force,
    mode: simulated,
    single_select: true,
    single_select_vin: "1HGCM82633A004352",
    flags: [country: DE, "color": "00819D", "account_sync": true, "retries": 3],
    user: "e9b24987 52e8",
);

const CONST_LINK: ConnectUrl =
    connect_url!(client_id: "client-id", make: TESLA, single_select: false);

fn main() {
    assert_eq!(
        STATIC_LINK.as_str(),
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=client-id\
         &scope=read_odometer%20required%3Aread_vin&redirect_uri=scclient-id%3A%2F%2Fcallback\
         &state=some%20state%26x%3D1&approval_prompt=force&mode=simulated&single_select=true\
         &single_select_vin=1HGCM82633A004352\
         &flags=country%3ADE%20color%3A00819D%20account_sync%3Atrue%20retries%3A3&user=e9b24987%2052e8"
    );
    // The typed request was built at compile time too.
    let request = STATIC_LINK.request();
    assert_eq!(request.approval_prompt(), Some(&ApprovalPrompt::Force));
    assert_eq!(request.mode(), Some(&Mode::Simulated));
    assert_eq!(
        request.scope().unwrap().entries()[1].permission(),
        Permission::ReadVin
    );
    assert_eq!(request.flags().unwrap().country().unwrap().code(), "DE");
    // And it is the link the parser reads back.
    assert_eq!(
        STATIC_LINK.as_str().parse::<ConnectUrl>().unwrap(),
        STATIC_LINK
    );

    assert_eq!(
        CONST_LINK.as_str(),
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=client-id&make=TESLA&single_select=false"
    );
    assert_eq!(CONST_LINK.request().make().unwrap().brand(), Some("Tesla"));
}
