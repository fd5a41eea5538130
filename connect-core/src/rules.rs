//! The rules between parameters. The builder checks them on `build`, the URL
//! parser on every parsed link, and `connect_url!` at compile time from what it
//! knows of its input: the same function for all three.

use crate::error::{Error, Parameter, Problem};
use crate::{ClientId, RedirectUri};

/// What the rules between parameters need to know about a request.
///
/// `client_id` and `redirect_uri` are `None` when absent or not known yet (an
/// expression in `connect_url!`); the rule between them is then not checked.
#[derive(Debug, Clone, Copy, Default)]
pub struct Combination<'a> {
    /// The client id, when known.
    pub client_id: Option<&'a ClientId>,
    /// The redirect URI, when given and known.
    pub redirect_uri: Option<&'a RedirectUri>,
    /// Whether `make` is given.
    pub make: bool,
    /// `single_select`, when given.
    pub single_select: Option<bool>,
    /// Whether `single_select_vin` is given.
    pub single_select_vin: bool,
    /// Whether `vehicle_id` is given (a re-authentication link).
    pub vehicle_id: bool,
}

impl Combination<'_> {
    /// Every rule the combination breaks, each naming the parameter to change:
    ///
    /// - `single_select_vin` needs `single_select: true` (missing or `false` is an error);
    /// - `single_select_vin` conflicts with `make` (Connect would ignore `make`);
    /// - `single_select` and `single_select_vin` do not go with `vehicle_id`
    ///   (re-authentication reconnects one vehicle already chosen);
    /// - a mobile `sc<id>://` redirect URI must carry the link's client id.
    pub fn errors(&self) -> Vec<Error> {
        let mut errors = Vec::new();
        if self.single_select_vin {
            match self.single_select {
                None => errors.push(Error::new(
                    Parameter::SingleSelectVin,
                    Problem::SingleSelectVinWithoutSingleSelect,
                )),
                Some(false) => errors.push(Error::new(
                    Parameter::SingleSelect,
                    Problem::SingleSelectVinWithSingleSelectFalse,
                )),
                Some(true) => {}
            }
            if self.make {
                errors.push(Error::new(
                    Parameter::Make,
                    Problem::SingleSelectVinWithMake,
                ));
            }
        }
        if self.vehicle_id {
            if self.single_select.is_some() {
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
        if let (Some(client_id), Some(redirect_uri)) = (self.client_id, self.redirect_uri) {
            errors.extend(redirect_uri.check_client(client_id).err());
        }
        errors
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
            single_select: Some(true),
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
            single_select: Some(false),
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
            single_select: Some(true),
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
            client_id: Some(&client),
            redirect_uri: Some(&uri),
            ..Default::default()
        };
        assert_eq!(both.errors().len(), 1);
        let unknown_client = Combination {
            redirect_uri: Some(&uri),
            ..Default::default()
        };
        assert!(unknown_client.errors().is_empty());
    }
}
