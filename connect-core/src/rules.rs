//! The rules between parameters. The builder checks them on `build`, the URL
//! parser on every parsed link, and `connect_url!` at compile time from what it
//! knows of its input: the same function for all three.

use crate::error::{Error, Problem};
use crate::model::request::ConnectRequest;
use crate::model::value::{ClientId, RedirectUri};
use crate::parameter::Parameter;

/// What is known of a value when the rules are checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Known<T> {
    /// Absent.
    #[default]
    No,
    /// Present with a value already reported as wrong: no rule between parameters
    /// is checked against it, so that one mistake is one error.
    Invalid,
    /// Given as an expression in `connect_url!`: known only at run time.
    AtRunTime,
    /// Known now.
    Yes(T),
}

/// A value a rule between parameters needs at compile time: see
/// [`Combination::needs_literal`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NeedsLiteral<'a> {
    /// The parameter given as an expression.
    pub parameter: Parameter,
    /// The literal the rule needs it to be (`true`, or the app id of a mobile redirect URI).
    pub literal: &'a str,
    /// The parameter whose rule needs it.
    pub because_of: Parameter,
}

/// What the rules between parameters need to know about a request.
///
/// Not public API: the builder, the link reader and `connect_url!` (through
/// `__private`) fill it in.
#[derive(Debug, Clone, Copy, Default)]
pub struct Combination<'a> {
    /// The app id (`client_id` or `application_id`).
    pub client_id: Known<&'a ClientId>,
    /// The redirect URI. `connect_url!` takes a redirect URI expression only as a
    /// [`WebRedirectUri`](crate::WebRedirectUri), which goes with any app id, so
    /// `AtRunTime` here needs no rule.
    pub redirect_uri: Known<&'a RedirectUri>,
    /// Whether `make` is given.
    pub make: bool,
    /// `single_select`.
    pub single_select: Known<bool>,
    /// Whether `single_select_vin` is given.
    pub single_select_vin: bool,
    /// Whether `vehicle_id` is given (a re-authentication link).
    pub vehicle_id: bool,
}

/// How a parameter was given, for [`Combination::known`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given {
    /// Not given.
    Absent,
    /// Given with a value already reported as wrong.
    Invalid,
    /// Given as an expression of `connect_url!`: its value is known at run time.
    AtRunTime,
    /// Given, and its value is in the request.
    Value,
}

impl<'a> Combination<'a> {
    /// What the rules need to know of a request whose parameters were given as
    /// `given` says (the link reader and `connect_url!`, where a parameter may be
    /// given and wrong, or known only at run time): the one place that maps what
    /// is known to the rules' inputs.
    pub fn known(request: &'a ConnectRequest, given: impl Fn(Parameter) -> Given) -> Self {
        fn known<T>(given: Given, value: Option<T>) -> Known<T> {
            match (given, value) {
                (Given::Absent, _) => Known::No,
                (Given::AtRunTime, _) => Known::AtRunTime,
                (Given::Value, Some(value)) => Known::Yes(value),
                (Given::Invalid | Given::Value, _) => Known::Invalid,
            }
        }
        let present = |parameter| given(parameter) != Given::Absent;
        Combination {
            client_id: known(given(request.app_id_parameter), Some(&request.app_id)),
            redirect_uri: known(given(Parameter::RedirectUri), request.redirect_uri.as_ref()),
            make: present(Parameter::Make),
            single_select: known(given(Parameter::SingleSelect), request.single_select),
            single_select_vin: present(Parameter::SingleSelectVin),
            vehicle_id: present(Parameter::VehicleId),
        }
    }

    /// What the rules need to know of a typed request.
    pub(crate) fn of(request: &'a ConnectRequest) -> Self {
        Combination {
            client_id: Known::Yes(&request.app_id),
            redirect_uri: request.redirect_uri.as_ref().map_or(Known::No, Known::Yes),
            make: request.make.is_some(),
            single_select: request.single_select.map_or(Known::No, Known::Yes),
            single_select_vin: request.single_select_vin.is_some(),
            vehicle_id: request.vehicle_id.is_some(),
        }
    }

    /// Every rule the combination breaks, each naming the parameter to change:
    ///
    /// - `single_select_vin` needs `single_select: true` (missing or `false` is an error);
    /// - `single_select_vin` conflicts with `make` (Connect would ignore `make`);
    /// - `single_select` and `single_select_vin` do not go with `vehicle_id`
    ///   (re-authentication reconnects one vehicle already chosen);
    /// - a mobile `sc<id>://` redirect URI must carry the link's app id, and so
    ///   needs an app id known at the same time (a literal in `connect_url!`).
    #[must_use]
    pub fn errors(&self) -> Vec<Error> {
        let mut errors = Vec::new();
        if self.single_select_vin {
            match self.single_select {
                Known::No => errors.push(Error::new(
                    Parameter::SingleSelectVin,
                    Problem::SingleSelectVinWithoutSingleSelect,
                )),
                Known::Yes(false) => errors.push(Error::new(
                    Parameter::SingleSelect,
                    Problem::SingleSelectVinWithSingleSelectFalse,
                )),
                Known::Yes(true) | Known::Invalid | Known::AtRunTime => {}
            }
            if self.make {
                errors.push(Error::new(
                    Parameter::Make,
                    Problem::SingleSelectVinWithMake,
                ));
            }
        }
        if self.vehicle_id {
            if self.single_select != Known::No {
                errors.push(Error::new(
                    Parameter::SingleSelect,
                    Problem::NotWithReauthentication,
                ));
            }
            if self.single_select_vin {
                errors.push(Error::new(
                    Parameter::SingleSelectVin,
                    Problem::NotWithReauthentication,
                ));
            }
        }
        if let (Known::Yes(redirect_uri), Known::Yes(client_id)) =
            (self.redirect_uri, self.client_id)
        {
            errors.extend(redirect_uri.check_client(client_id).err());
        }
        errors
    }

    /// The values a rule needs that are known only at run time (expressions of
    /// `connect_url!`, whose link cannot fail): each as the parameter, the literal
    /// the rule needs of it, and the parameter whose rule needs it.
    ///
    /// - `single_select_vin` needs `single_select` to be `true`;
    /// - a mobile `sc<id>://` redirect URI needs the app id it carries.
    #[must_use]
    pub fn needs_literal(&self) -> Vec<NeedsLiteral<'a>> {
        let mut needs = Vec::new();
        if self.single_select_vin && self.single_select == Known::AtRunTime {
            needs.push(NeedsLiteral {
                parameter: Parameter::SingleSelect,
                literal: "true",
                because_of: Parameter::SingleSelectVin,
            });
        }
        if let (Known::Yes(redirect_uri), Known::AtRunTime) = (self.redirect_uri, self.client_id) {
            if let Some(id) = redirect_uri.mobile_client_id() {
                needs.push(NeedsLiteral {
                    parameter: Parameter::ClientId,
                    literal: id,
                    because_of: Parameter::RedirectUri,
                });
            }
        }
        needs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(c: Combination<'_>) -> Vec<(Option<Parameter>, Problem)> {
        c.errors()
            .into_iter()
            .map(|e| (e.parameter(), e.problem().clone()))
            .collect()
    }

    #[test]
    fn nothing_is_fine() {
        assert!(Combination::default().errors().is_empty());
        let ok = Combination {
            single_select_vin: true,
            single_select: Known::Yes(true),
            ..Default::default()
        };
        assert!(ok.errors().is_empty());
        let reauth = Combination {
            vehicle_id: true,
            make: true,
            ..Default::default()
        };
        assert!(reauth.errors().is_empty());
    }

    #[test]
    fn single_select_vin_rules() {
        let c = Combination {
            single_select_vin: true,
            ..Default::default()
        };
        assert_eq!(
            problems(c),
            [(
                Some(Parameter::SingleSelectVin),
                Problem::SingleSelectVinWithoutSingleSelect
            )]
        );
        let c = Combination {
            single_select_vin: true,
            single_select: Known::Yes(false),
            make: true,
            ..Default::default()
        };
        assert_eq!(
            problems(c),
            [
                (
                    Some(Parameter::SingleSelect),
                    Problem::SingleSelectVinWithSingleSelectFalse
                ),
                (Some(Parameter::Make), Problem::SingleSelectVinWithMake),
            ]
        );
    }

    #[test]
    fn reauthentication_refuses_single_select() {
        let c = Combination {
            vehicle_id: true,
            single_select: Known::Yes(true),
            single_select_vin: true,
            ..Default::default()
        };
        assert_eq!(
            problems(c),
            [
                (
                    Some(Parameter::SingleSelect),
                    Problem::NotWithReauthentication
                ),
                (
                    Some(Parameter::SingleSelectVin),
                    Problem::NotWithReauthentication
                ),
            ]
        );
    }

    #[test]
    fn mobile_redirect_checked_only_when_both_known() {
        let client: ClientId = "abc".parse().unwrap();
        let uri: RedirectUri = "scxyz://cb".parse().unwrap();
        let both = Combination {
            client_id: Known::Yes(&client),
            redirect_uri: Known::Yes(&uri),
            ..Default::default()
        };
        assert_eq!(both.errors().len(), 1);
        let bad_client = Combination {
            redirect_uri: Known::Yes(&uri),
            ..Default::default()
        };
        assert!(bad_client.errors().is_empty());
        let client_at_run_time = Combination {
            client_id: Known::AtRunTime,
            redirect_uri: Known::Yes(&uri),
            ..Default::default()
        };
        assert!(client_at_run_time.errors().is_empty());
        assert_eq!(
            client_at_run_time.needs_literal(),
            [NeedsLiteral {
                parameter: Parameter::ClientId,
                literal: "xyz",
                because_of: Parameter::RedirectUri
            }]
        );
        let web: RedirectUri = "https://example.com".parse().unwrap();
        let web_with_client_at_run_time = Combination {
            client_id: Known::AtRunTime,
            redirect_uri: Known::Yes(&web),
            ..Default::default()
        };
        assert!(web_with_client_at_run_time.errors().is_empty());
        assert!(web_with_client_at_run_time.needs_literal().is_empty());
        let single_select_at_run_time = Combination {
            single_select: Known::AtRunTime,
            single_select_vin: true,
            ..Default::default()
        };
        assert!(single_select_at_run_time.errors().is_empty());
        assert_eq!(
            single_select_at_run_time.needs_literal()[0].parameter,
            Parameter::SingleSelect
        );
    }
}
