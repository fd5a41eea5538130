//! The one declaration of Connect's parameters.
//!
//! [`connect_parameters!`] lists every parameter once, in the canonical order of
//! SPEC §4, and hands the list to a callback macro. The [`Parameter`] enum (here),
//! the fields and getters of [`ConnectRequest`](crate::ConnectRequest), the
//! builder's setters, the renderer and the link reader are all generated from it,
//! so a new parameter is one line here plus its value type.

use std::fmt;

/// Calls `$callback!` with every parameter, in canonical order, in two groups:
///
/// - `identity`: `response_type` and the two names of the app id, which every
///   link has and which the model handles by hand;
/// - `optional`: each parameter a link may carry, stored as `Option<Type>` and
///   rendered as `&name=value`.
///
/// Each row is `Variant name: Type = form [as ExpressionType], "doc";`:
///
/// - `Type` is the value type (`model/value/`), which checks, writes and reads it;
/// - `form` is how `connect_url!` writes a literal of it: `text` (a string literal),
///   `word` (an identifier naming one of the enum's values), `bool`, `make` (a
///   catalog identifier or a string literal), `scope` or `flags` (a bracketed list).
///   Every key also takes an expression of its type;
/// - `as ExpressionType`: an expression must be of that type instead (it converts
///   into `Type` with `From`), when a rule between parameters needs it: a
///   `redirect_uri` expression is a `WebRedirectUri`, which goes with any app id.
///
/// `connect_url!`'s one call (`__private::check`) walks the same rows (`__private::ROWS`), so a new parameter is
/// its row, its value type and their tests.
macro_rules! connect_parameters {
    ($callback:ident) => {
        $callback! {
            identity {
                ResponseType response_type: ResponseType = word, "`response_type`: implied (`code`, or `vehicle_id` for re-authentication); `none` may be written. In `connect_url!` it is a word (`none`), even beside a variable of that name, and never an expression.";
                ClientId client_id: ClientId = text, "`client_id`: the application's id.";
                ApplicationId application_id: ClientId = text, "`application_id`: the newer name of `client_id` (a link carries one of the two).";
            }
            optional {
                VehicleId vehicle_id: VehicleId = text, "`vehicle_id`: turns the link into re-authentication.";
                Scope scope: Scope = scope, "`scope`: the permissions requested.";
                RedirectUri redirect_uri: RedirectUri = text as WebRedirectUri, "`redirect_uri`: where Connect sends the owner back.";
                State state: State = text, "`state`: echoed back on the redirect.";
                ApprovalPrompt approval_prompt: ApprovalPrompt = word, "`approval_prompt`: `auto` or `force`. In `connect_url!`, a bare `auto` or `force` is the word even beside a variable of that name: `(auto)` is the variable.";
                Mode mode: Mode = word, "`mode`: `live` or `simulated`. In `connect_url!`, a bare `live` or `simulated` is the word even beside a variable of that name: `(live)` is the variable.";
                Make make: Make = make, "`make`: skips the brand selector. In `connect_url!`, a bare upper-case make (`TESLA`) is the catalog's even beside a variable of that name: `(TESLA)` is the variable.";
                SingleSelect single_select: bool = bool, "`single_select`: one vehicle only.";
                SingleSelectVin single_select_vin: Vin = text, "`single_select_vin`: only the vehicle with this VIN.";
                Flags flags: Flags = flags, "`flags`: feature flags such as `country`.";
                User user: User = text, "`user`: an analytics id of the vehicle owner.";
                ExternalId external_id: ExternalId = text, "`external_id`: the application's own id for the owner, echoed back.";
            }
        }
    };
}
pub(crate) use connect_parameters;

macro_rules! parameter_enum {
    (
        identity { $( $ivariant:ident $iname:ident: $ity:ty = $iform:ident, $idoc:literal; )* }
        optional { $( $variant:ident $name:ident: $ty:ty = $form:ident $(as $expr:ty)?, $doc:literal; )* }
    ) => {
        /// A query parameter of a Connect URL, in the order the canonical rendering
        /// writes them.
        ///
        /// ```
        /// use connect_core::Parameter;
        ///
        /// assert_eq!(Parameter::from_name("single_select_vin"), Some(Parameter::SingleSelectVin));
        /// assert_eq!(Parameter::SingleSelectVin.name(), "single_select_vin");
        /// assert_eq!(Parameter::ALL[0], Parameter::ResponseType);
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Parameter {
            $( #[doc = $idoc] $ivariant, )*
            $( #[doc = $doc] $variant, )*
        }

        impl Parameter {
            /// Every parameter, in canonical order.
            pub const ALL: &'static [Parameter] = &[
                $( Parameter::$ivariant, )*
                $( Parameter::$variant, )*
            ];

            /// The name as it appears in the URL (and as a `connect_url!` key).
            #[must_use]
            pub const fn name(self) -> &'static str {
                match self {
                    $( Parameter::$ivariant => stringify!($iname), )*
                    $( Parameter::$variant => stringify!($name), )*
                }
            }
        }
    };
}
connect_parameters!(parameter_enum);

impl Parameter {
    /// The parameter with this exact name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Parameter> {
        Parameter::ALL.iter().copied().find(|p| p.name() == name)
    }

    /// Whether this is one of the two names of the app id.
    #[must_use]
    pub const fn is_app_id(self) -> bool {
        matches!(self, Parameter::ClientId | Parameter::ApplicationId)
    }
}

/// The names of `mode` that Connect still reads but the documentation no longer
/// lists (the predecessors of `simulated`): refused when written, with a pointer to
/// `simulated`; kept with a warning when read. Here, below the errors, because their
/// wording names them too.
pub(crate) const DEPRECATED_MODES: &[&str] = &["test", "test_mode"];

impl fmt::Display for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_in_canonical_order() {
        for &p in Parameter::ALL {
            assert_eq!(Parameter::from_name(p.name()), Some(p));
        }
        assert!(Parameter::ALL.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(Parameter::from_name("scopes"), None);
        assert_eq!(Parameter::ALL.len(), 15);
        assert_eq!(Parameter::ALL[2].name(), "application_id");
        assert_eq!(Parameter::ALL[14].name(), "external_id");
    }
}
