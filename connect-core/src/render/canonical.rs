//! The canonical text of a typed link (SPEC §4): the origin, the path, then every
//! parameter of the table that is given, in the table's order, percent-encoded,
//! and the parameters this crate does not model after them.

use crate::encode::{Length, Sink};
use crate::model::origin::Origin;
use crate::model::request::ConnectRequest;
use crate::model::value::QueryValue;
use crate::parameter::{connect_parameters, Parameter};

/// The canonical text: sized first, then written, so the string is allocated once.
pub(crate) fn render(origin: &Origin, request: &ConnectRequest) -> String {
    let mut length = Length::default();
    write_url(&mut length, origin, request);
    let mut text = String::with_capacity(length.0);
    write_url(&mut text, origin, request);
    debug_assert_eq!(text.len(), length.0);
    text
}

macro_rules! write_optional {
    (
        identity { $( $ivariant:ident $iname:ident: $ity:ty = $iform:ident, $idoc:literal; )* }
        optional { $( $variant:ident $name:ident: $ty:ty = $form:ident $(as $expr:ty)?, $doc:literal; )* }
    ) => {
        /// Every optional parameter given, in canonical order: its value, or the
        /// spelling a link read from elsewhere gave it where the value writes
        /// itself otherwise (`mode=test`), so that the link renders back as it was
        /// (SPEC §5).
        fn write_optional(out: &mut impl Sink, request: &ConnectRequest) {
            $(
                if let Some(value) = &request.$name {
                    out.raw(concat!("&", stringify!($name), "="));
                    match request.spelling(Parameter::$variant) {
                        Some(spelling) => out.encoded(spelling),
                        None => value.write(out),
                    }
                }
            )*
        }
    };
}
connect_parameters!(write_optional);

/// The canonical rendering of SPEC §4.
fn write_url(out: &mut impl Sink, origin: &Origin, request: &ConnectRequest) {
    out.raw(origin.as_str());
    out.raw(request.path());
    out.raw("?response_type=");
    out.raw(request.response_type().name());
    out.raw("&");
    out.raw(request.app_id_parameter.name());
    out.raw("=");
    request.app_id.write(out);
    write_optional(out, request);
    for (name, value) in &request.extra {
        out.raw("&");
        out.encoded(name);
        out.raw("=");
        out.encoded(value);
    }
}
