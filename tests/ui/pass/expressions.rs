//! Every parameter that takes an expression, as an expression of its connect-core
//! type: built through the builder, no `Result` to handle.
use connect_core::{ClientId, ConnectUrl, State, User, VehicleId, Vin};
use connect_macros::connect_url;

fn client() -> ClientId {
    "abc".parse().unwrap()
}

fn main() -> Result<(), connect_core::Error> {
    let state: State = "s 1".parse()?;
    let user = "u".parse::<User>()?;
    let vin: Vin = "1HGCM82633A004352".parse()?;
    let url: ConnectUrl = connect_url!(
        client_id: client(),
        scope: [required read_odometer],
        redirect_uri: "https://example.com/home",
        state: state.clone(),
        single_select: true,
        single_select_vin: vin,
        user: user,
    );
    assert_eq!(
        url.as_str(),
        "https://connect.smartcar.com/oauth/authorize?response_type=code&client_id=abc\
         &scope=required%3Aread_odometer&redirect_uri=https%3A%2F%2Fexample.com%2Fhome&state=s%201\
         &single_select=true&single_select_vin=1HGCM82633A004352&user=u"
    );

    let vehicle: VehicleId = "36ab27d0".parse()?;
    let reauth =
        connect_url!(client_id: "abc", vehicle_id: vehicle, state: State::generate().unwrap());
    assert!(reauth.as_str().starts_with(
        "https://connect.smartcar.com/oauth/reauthenticate?response_type=vehicle_id&client_id=abc&vehicle_id=36ab27d0&state="
    ));
    Ok(())
}
