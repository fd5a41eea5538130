//! Properties over generated requests and arbitrary input.

use connect_core::{
    ApprovalPrompt, Callback, ConnectUrl, ConnectUrlBuilder, Country, ExternalId, Flag, Flags,
    Make, Mode, Origin, Permission, Scope, ScopeEntry, State, User,
};
use proptest::prelude::*;

/// Text meant to break a query: separators, escapes, spaces, newlines, non-ASCII.
fn adversarial_text() -> impl Strategy<Value = String> {
    "[&=#%+? \n\t;:/a-zA-Z0-9éü✓\u{0}\u{7f}]{1,24}"
}

fn scope() -> impl Strategy<Value = Scope> {
    proptest::sample::subsequence(Permission::ALL.to_vec(), 1..6)
        .prop_shuffle()
        .prop_flat_map(|perms| {
            let n = perms.len();
            (Just(perms), proptest::collection::vec(any::<bool>(), n))
        })
        .prop_map(|(perms, required)| {
            Scope::new(
                perms
                    .into_iter()
                    .zip(required)
                    .map(|(p, r)| ScopeEntry::new(p, r)),
            )
            .unwrap()
        })
}

fn flags() -> impl Strategy<Value = Flags> {
    let country = proptest::sample::select(Country::all().collect::<Vec<_>>());
    (
        proptest::option::of(country),
        proptest::collection::btree_map("[a-z_][a-z0-9_-]{0,8}", "[!-~é]{1,8}", 0..3),
    )
        .prop_filter_map("flags need at least one entry", |(country, others)| {
            let others = others
                .into_iter()
                .filter(|(name, _)| name != "country")
                .map(|(n, v)| Flag::new(&n, &v).unwrap());
            Flags::new(country.map(Flag::country).into_iter().chain(others)).ok()
        })
}

fn vin() -> impl Strategy<Value = connect_core::Vin> {
    "[A-HJ-NPR-Z0-9]{17}".prop_map(|v| v.parse().unwrap())
}

prop_compose! {
    fn request()(
        client in "[A-Za-z0-9._~-]{1,40}",
        reauth in proptest::option::of("[A-Za-z0-9-]{1,36}"),
        scope in proptest::option::of(scope()),
        redirect in proptest::option::of(prop_oneof![
            "https://[a-z]{1,10}\\.com(/[a-z0-9]{0,8}){0,2}",
            "http://localhost(:[1-9][0-9]{0,3})?/cb",
            Just("mobile".to_owned()),
        ]),
        state in proptest::option::of(adversarial_text()),
        approval in proptest::option::of(proptest::sample::select(ApprovalPrompt::ALL.to_vec())),
        mode in proptest::option::of(proptest::sample::select(Mode::ALL.to_vec())),
        make in proptest::option::of(prop_oneof![
            proptest::sample::select(Make::catalog().collect::<Vec<_>>()).prop_map(|m| m.to_owned()),
            "[A-Z0-9_]{1,12}",
        ]),
        single in proptest::option::of((any::<bool>(), proptest::option::of(vin()))),
        flags in proptest::option::of(flags()),
        user in proptest::option::of(adversarial_text()),
        external_id in proptest::option::of(adversarial_text()),
        application_id in any::<bool>(),
        no_response in any::<bool>(),
        upgrade in any::<bool>(),
    ) -> ConnectUrlBuilder {
        let mut b = if application_id {
            ConnectUrl::builder_with_application_id(client.parse().unwrap())
        } else {
            ConnectUrl::builder(client.parse().unwrap())
        };
        if no_response { b = b.response_type_none(); }
        if let Some(e) = external_id { b = b.external_id(e.parse::<ExternalId>().unwrap()); }
        let reauthenticating = reauth.is_some();
        if let Some(v) = reauth { b = b.vehicle_id(v.parse().unwrap()); }
        // The Tesla permission upgrade: re-authentication without `vehicle_id`.
        let upgrade = upgrade && !reauthenticating && !matches!(single, Some((true, Some(_))));
        let scope = match scope {
            None if upgrade => Some(Scope::new([ScopeEntry::optional(Permission::ControlCharge)]).unwrap()),
            scope => scope,
        };
        if let Some(s) = scope { b = b.scope(s); }
        if let Some(r) = redirect {
            let r = if r == "mobile" { format!("sc{client}://callback") } else { r };
            b = b.redirect_uri(r.parse().unwrap());
        }
        if let Some(s) = state { b = b.state(s.parse().unwrap()); }
        if let Some(a) = approval { b = b.approval_prompt(a); }
        if let Some(m) = mode { b = b.mode(m); }
        if let Some(f) = flags { b = b.flags(f); }
        if let Some(u) = user { b = b.user(u.parse::<User>().unwrap()); }
        // Only the valid single-select combinations: the rules are tested elsewhere.
        match single {
            Some((true, Some(vin))) if !reauthenticating => {
                b = b.single_select(true).single_select_vin(vin);
            }
            Some((value, _)) if !reauthenticating => {
                b = b.single_select(value);
                if let Some(m) = make { b = b.make(m.parse().unwrap()); }
            }
            _ => if let Some(m) = make { b = b.make(m.parse().unwrap()); },
        }
        if upgrade {
            b = b.reauthenticate().make(connect_core::makes::TESLA);
        }
        b
    }
}

/// `%3A` → `%3a`: only the hex digits of escapes change case.
fn lower_hex(encoded: &str) -> String {
    let mut out = String::new();
    let mut hex_left = 0u8;
    for c in encoded.chars() {
        out.push(if hex_left > 0 {
            c.to_ascii_lowercase()
        } else {
            c
        });
        hex_left = if c == '%' {
            2
        } else {
            hex_left.saturating_sub(1)
        };
    }
    out
}

/// The encoded pairs of a canonical link, split at the only separators it has.
fn pairs(url: &str) -> Vec<(String, String)> {
    let query = url.split_once('?').unwrap().1;
    query
        .split('&')
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (k.to_owned(), v.to_owned())
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_inverts_render_and_rendering_is_canonical(builder in request()) {
        let url = builder.build().unwrap();
        let parsed: ConnectUrl = url.as_str().parse().unwrap();
        prop_assert_eq!(&parsed, &url);
        prop_assert_eq!(parsed.to_string(), url.to_string());
        // The parts a built link keeps are the parts its text reads back to; they
        // render back to the same text, and it reads without any finding.
        prop_assert_eq!(parsed.request(), url.request());
        prop_assert_eq!(&url.with_origin(Origin::SMARTCAR), &url);
        prop_assert!(ConnectUrl::read(url.as_str()).findings().iter().all(|f| !f.is_error()));
        // Only `A-Z a-z 0-9 - . _ ~`, `%XX` upper-case, and the structure's own characters.
        let query = url.as_str().split_once('?').unwrap().1;
        let mut bytes = query.bytes();
        while let Some(b) = bytes.next() {
            if b == b'%' {
                let hex: Vec<u8> = bytes.by_ref().take(2).collect();
                prop_assert!(hex.iter().all(|h| h.is_ascii_digit() || (b'A'..=b'F').contains(h)));
            } else {
                prop_assert!(b.is_ascii_alphanumeric() || b"-._~&=".contains(&b), "byte {:?}", b as char);
            }
        }
    }

    #[test]
    fn other_spellings_parse_to_the_same_link(builder in request()) {
        let url = builder.build().unwrap();
        // `+` for spaces, lower-case hex, and the parameters reversed.
        let mut pieces: Vec<String> = pairs(url.as_str())
            .into_iter()
            .map(|(k, v)| format!("{k}={}", lower_hex(&v.replace("%20", "+"))))
            .collect();
        pieces.reverse();
        let base = url.as_str().split_once('?').unwrap().0;
        let respelled = format!("{base}?{}", pieces.join("&"));
        let parsed: ConnectUrl = respelled.parse().map_err(|e| TestCaseError::fail(format!("{respelled}: {e}")))?;
        prop_assert_eq!(parsed.as_str(), url.as_str());
    }

    #[test]
    fn state_and_user_never_touch_other_parameters(
        builder in request(),
        state in adversarial_text(),
        user in adversarial_text(),
    ) {
        let plain = builder.clone().build().unwrap();
        let url = builder.state(state.parse().unwrap()).user(user.parse().unwrap()).build().unwrap();
        let keep = |pairs: Vec<(String, String)>| -> Vec<(String, String)> {
            pairs.into_iter().filter(|(k, _)| k != "state" && k != "user").collect()
        };
        prop_assert_eq!(keep(pairs(url.as_str())), keep(pairs(plain.as_str())));
        let parsed: ConnectUrl = url.as_str().parse().unwrap();
        prop_assert_eq!(parsed.request().state().map(State::as_str), Some(state.as_str()));
        prop_assert_eq!(parsed.request().user().map(User::as_str), Some(user.as_str()));
        // The url crate reads the same pairs.
        let pairs: Vec<(String, String)> = url.to_url().query_pairs().into_owned().collect();
        prop_assert!(pairs.contains(&("state".to_owned(), state.clone())));
        prop_assert!(pairs.contains(&("user".to_owned(), user.clone())));
    }

    #[test]
    fn the_url_parser_never_panics(text in ".{0,200}") {
        let _ = text.parse::<ConnectUrl>();
        let _ = format!("https://connect.smartcar.com/oauth/authorize?{text}").parse::<ConnectUrl>();
    }

    #[test]
    fn the_url_parser_never_panics_on_near_misses(
        params in proptest::collection::vec(
            (
                proptest::sample::select(vec![
                    "response_type", "client_id", "vehicle_id", "scope", "redirect_uri", "state",
                    "approval_prompt", "mode", "make", "single_select", "single_select_vin", "flags", "user", "x",
                    "application_id", "external_id", "sdk_platform", "flag",
                ]),
                "[a-zA-Z0-9%:+ _./&=-]{0,30}",
            ),
            0..8,
        )
    ) {
        let query: Vec<String> = params.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
        for path in ["authorize", "reauthenticate"] {
            let text = format!("https://connect.smartcar.com/oauth/{path}?{}", query.join("&"));
            if let Ok(url) = text.parse::<ConnectUrl>() {
                // Whatever parses renders canonically and parses again to itself,
                // and its typed request renders the same text.
                prop_assert_eq!(url.as_str().parse::<ConnectUrl>().unwrap(), url.clone());
                prop_assert_eq!(url.with_origin(url.origin().clone()), url);
            }
        }
    }

    #[test]
    fn every_link_that_reads_reads_back(
        params in proptest::collection::vec(
            (
                proptest::sample::select(vec![
                    "client_id", "vehicle_id", "scope", "redirect_uri", "state", "mode", "make",
                    "single_select", "single_select_vin", "flags", "utm", "external_id",
                ]),
                prop_oneof![
                    proptest::sample::select(vec![
                        "c", "test", "test_mode", "simulated", "TESLA", "bmw", "true",
                        "5YJ3E1EA7KF317000", "read_vin+control_charge", "https%3A%2F%2Fa.com",
                        "country%3ADE+feature3", "",
                    ]).prop_map(str::to_owned),
                    adversarial_text().prop_map(|t| t.replace('&', "%26").replace('#', "%23")),
                    // Runs of `+` that triple once canonical: around the length limit.
                    (20_000usize..23_000).prop_map(|n| "+".repeat(n)),
                ],
            ),
            1..8,
        ),
        reauthenticate in any::<bool>(),
    ) {
        let (path, response_type) = if reauthenticate {
            ("reauthenticate", "vehicle_id")
        } else {
            ("authorize", "code")
        };
        let query: Vec<String> = params.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
        let text = format!(
            "https://connect.smartcar.com/oauth/{path}?response_type={response_type}&{}",
            query.join("&")
        );
        let report = ConnectUrl::read(&text);
        if let Some(url) = report.url() {
            prop_assert!(url.as_str().len() <= connect_core::MAX_URL_LEN);
            let again = ConnectUrl::read(url.as_str());
            prop_assert_eq!(again.errors().count(), 0, "{:?}", again.findings());
            prop_assert_eq!(again.url(), Some(url));
            prop_assert_eq!(again.url().unwrap().request(), url.request());
        }
    }

    #[test]
    fn the_redirect_parser_never_panics(text in ".{0,200}") {
        let _ = Callback::from_query(&text);
        let _ = Callback::from_url(&text);
        let expected: State = "s".parse().unwrap();
        if let Ok(callback) = Callback::from_query(&format!("code=c&state={text}")) {
            let _ = callback.verify(&expected);
        }
    }
}
