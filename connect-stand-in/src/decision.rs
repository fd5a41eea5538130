//! The owner's decision on a link, and the redirect back it ends in: one place for
//! the grant form (`POST /oauth/grant`) and the owner's methods of
//! [`StandIn`](crate::StandIn).

use connect_core::ResponseType;

use crate::connect::Incoming;
use crate::handle::Shared;
use crate::owner::ConnectFailure;

/// What the owner decided.
#[derive(Debug, Clone)]
pub(crate) enum Decision {
    /// Allow, with these permissions checked (required ones must be), as `owner`.
    Allow { chosen: Vec<String>, owner: String },
    /// Deny: `access_denied`.
    Deny,
    /// Any documented Connect error.
    Fail(ConnectFailure),
}

/// Where the flow ends.
#[derive(Debug, Clone)]
pub(crate) enum Ending {
    /// A redirect back to the application: the whole URL.
    Redirect(String),
    /// The Tesla permission upgrade: a page of Connect's, these permissions granted.
    Upgraded(Vec<String>),
}

/// Why a decision is not taken.
#[derive(Debug, Clone)]
pub(crate) enum Undecided {
    Required(String),
    NothingAllowed,
    NoRandomness(String),
}

/// `pairs` then `state` and `external_id` (echoed on success and on error alike,
/// as Connect does) after the redirect URI, percent-encoded with `%20` for a space
/// (as RFC 3986 has it: a parser that does not take `+` for a space reads it the
/// same).
pub(crate) fn redirect_back(
    redirect_uri: &str,
    pairs: &[(&str, &str)],
    echoed: &[(&str, Option<&str>)],
) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        query.append_pair(name, value);
    }
    for (name, value) in echoed {
        if let Some(value) = value {
            query.append_pair(name, value);
        }
    }
    let query = query.finish().replace('+', "%20");
    let separator = if redirect_uri.contains('?') { '&' } else { '?' };
    format!("{redirect_uri}{separator}{query}")
}

/// The end of `decision` on the checked link `incoming`.
pub(crate) fn decide(
    shared: &Shared,
    incoming: &Incoming,
    decision: &Decision,
) -> Result<Ending, Undecided> {
    let request = incoming.url.request();
    let owned: Vec<(String, String)> =
        match decision {
            Decision::Deny => ConnectFailure::AccessDenied.fields(),
            Decision::Fail(failure) => failure.fields(),
            Decision::Allow { chosen, owner } => {
                if let Some(scope) = request.scope() {
                    if let Some(locked) = scope.entries().iter().find(|e| {
                        e.is_required() && !chosen.iter().any(|c| c == e.permission().name())
                    }) {
                        return Err(Undecided::Required(locked.permission().to_string()));
                    }
                    if !scope
                        .entries()
                        .iter()
                        .any(|e| chosen.iter().any(|c| c == e.permission().name()))
                    {
                        return Err(Undecided::NothingAllowed);
                    }
                }
                // The Tesla permission upgrade sends nothing back (FACTS.md).
                if request.is_permission_upgrade() {
                    let granted = match request.scope() {
                        Some(scope) => scope
                            .entries()
                            .iter()
                            .map(|e| e.permission().name().to_owned())
                            .filter(|name| chosen.contains(name))
                            .collect(),
                        None => chosen.clone(),
                    };
                    return Ok(Ending::Upgraded(granted));
                }
                match (request.vehicle_id(), request.response_type()) {
                    // Re-authentication: the vehicle, no user (FACTS.md).
                    (Some(vehicle), _) => vec![("vehicle_id".to_owned(), vehicle.to_string())],
                    (None, response_type) => {
                        let mut fields = Vec::new();
                        if response_type != ResponseType::None {
                            // Exchanged at `POST /oauth/token` against this link's redirect URI.
                            let code = shared
                                .grants
                                .issue_code(
                                    request.client_id(),
                                    request.redirect_uri(),
                                    shared.clock.now(),
                                )
                                .map_err(|e| Undecided::NoRandomness(e.to_string()))?;
                            fields.push(("code".to_owned(), code));
                        }
                        // The v3 user: the same owner, the same id.
                        let user_id = shared
                            .grants
                            .user_id(owner)
                            .map_err(|e| Undecided::NoRandomness(e.to_string()))?;
                        fields.push(("user_id".to_owned(), user_id));
                        fields
                    }
                }
            }
        };
    let pairs: Vec<(&str, &str)> = owned
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    Ok(Ending::Redirect(redirect_back(
        incoming.redirect_uri.as_str(),
        &pairs,
        &[
            ("state", request.state().map(|s| s.as_str())),
            ("external_id", request.external_id().map(|e| e.as_str())),
        ],
    )))
}
