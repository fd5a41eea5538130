//! Conformance with real material: the Connect URLs that Smartcar's official
//! SDKs assert in their own test suites, and the documented example, kept with
//! their sources in `tests/data/sdk_urls.txt`. Reading is faithful (SPEC §5):
//! each must read without an error, except where a value is really invalid,
//! and then with exactly the errors written next to it. Every link that reads
//! must survive its canonical rendering: read again to the same link, and keep
//! every query pair it carried.

use std::collections::BTreeMap;

use connect_core::{ConnectUrl, DeprecatedMode, Error, Mode, Parameter, Problem};

const DATA: &str = include_str!("../data/sdk_urls.txt");

/// One URL of the data file and what is expected of it.
struct Case {
    /// The line of the URL in the data file, to find it again.
    line: usize,
    source: String,
    url: String,
    /// Each expected error as `<parameter or -> <Problem as Debug>`; empty
    /// when the URL must read without an error.
    errors: Vec<String>,
}

/// The records of the data file; panics (failing the test) on a malformed one,
/// so that a typo in the data cannot silently drop a case.
fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let (mut source, mut built, mut ok, mut errors) = (None, false, false, Vec::new());
    for (index, line) in DATA.lines().enumerate() {
        let line_number = index + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(text) = line.strip_prefix("source: ") {
            source = Some(text.to_owned());
        } else if line.starts_with("built: ") {
            built = true;
        } else if line == "expect: ok" {
            ok = true;
        } else if let Some(text) = line.strip_prefix("error: ") {
            let (expected, reason) = text
                .split_once(" | ")
                .unwrap_or_else(|| panic!("line {line_number}: an error needs ` | <reason>`"));
            assert!(
                !reason.trim().is_empty(),
                "line {line_number}: empty reason"
            );
            errors.push(expected.trim().to_owned());
        } else if line.starts_with("https://") {
            let source = source
                .take()
                .unwrap_or_else(|| panic!("line {line_number}: URL without `source:`"));
            assert!(built, "line {line_number}: URL without `built:`");
            assert!(
                ok == errors.is_empty(),
                "line {line_number}: write either `expect: ok` or the expected errors"
            );
            cases.push(Case {
                line: line_number,
                source,
                url: line.to_owned(),
                errors: std::mem::take(&mut errors),
            });
            (built, ok) = (false, false);
        } else {
            panic!("line {line_number}: not a record line: {line}");
        }
    }
    assert!(
        source.is_none() && !built && !ok && errors.is_empty(),
        "the data file ends inside a record"
    );
    cases
}

/// An error as the data file writes it.
fn describe(error: &Error) -> String {
    let parameter = error.parameter().map_or("-", |p| p.name());
    format!("{parameter} {:?}", error.problem())
}

fn sorted(mut items: Vec<String>) -> Vec<String> {
    items.sort();
    items
}

/// The decoded query pairs of a link, each with how often it occurs.
fn query_pairs(text: &str) -> BTreeMap<(String, String), usize> {
    let url = url::Url::parse(text).unwrap_or_else(|e| panic!("`{text}` is not a URL: {e}"));
    let mut pairs = BTreeMap::new();
    for (name, value) in url.query_pairs() {
        *pairs
            .entry((name.into_owned(), value.into_owned()))
            .or_insert(0) += 1;
    }
    pairs
}

/// The original's pairs as the reader's canonical rendering writes them. These
/// are the only changes reading may make to what a link carried:
/// - `make` is written in upper case (Connect reads makes case-insensitively);
/// - a pair repeated with the same value is written once.
///
/// A deprecated `mode=test` stays `mode=test`: it is what the link carried.
fn canonical_pairs(original: &str) -> BTreeMap<(String, String), usize> {
    let mut pairs = BTreeMap::new();
    for (name, value) in query_pairs(original).into_keys() {
        let value = match (name.as_str(), value.as_str()) {
            ("make", make) => make.to_uppercase(),
            _ => value,
        };
        // Counting from the keys, not the counts: a repeat collapses to one.
        pairs.insert((name, value), 1);
    }
    pairs
}

#[test]
fn the_data_covers_at_least_ten_urls_from_four_sdks() {
    let cases = cases();
    assert!(cases.len() >= 10, "only {} URLs", cases.len());
    let mut sdks: Vec<&str> = cases
        .iter()
        .filter_map(|c| c.source.split_whitespace().next())
        .filter(|repo| repo.starts_with("smartcar/"))
        .collect();
    sdks.sort_unstable();
    sdks.dedup();
    assert!(sdks.len() >= 4, "only these SDKs: {sdks:?}");
    // The invalid ones are the exception, and each says why (checked by `cases`).
    let invalid = cases.iter().filter(|c| !c.errors.is_empty()).count();
    assert!(
        invalid * 2 < cases.len(),
        "{invalid} of {} invalid",
        cases.len()
    );
}

#[test]
fn each_sdk_url_reads_with_exactly_its_expected_errors() {
    let mut failures = Vec::new();
    for case in cases() {
        let report = ConnectUrl::read(&case.url);
        let found = sorted(report.errors().map(describe).collect());
        let expected = sorted(case.errors.clone());
        if found != expected {
            failures.push(format!(
                "line {} ({}):\n  expected errors {expected:?}\n  found           {found:?}",
                case.line, case.source
            ));
        }
        // A report holds the link exactly when it holds no error.
        assert_eq!(
            report.url().is_some(),
            found.is_empty(),
            "line {}",
            case.line
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_sdk_url_that_reads_survives_its_canonical_rendering() {
    let mut checked = 0;
    for case in cases().into_iter().filter(|c| c.errors.is_empty()) {
        let report = ConnectUrl::read(&case.url);
        let url = report
            .url()
            .unwrap_or_else(|| panic!("line {}: {:?}", case.line, report.findings()));
        let canonical = url.to_string();

        let again = ConnectUrl::read(&canonical);
        assert_eq!(
            again.errors().count(),
            0,
            "line {}: the canonical `{canonical}` reads with errors: {:?}",
            case.line,
            again.findings()
        );
        let again = again.url().map(ToString::to_string);
        assert_eq!(
            again.as_deref(),
            Some(canonical.as_str()),
            "line {}: round trip",
            case.line
        );

        assert_eq!(
            query_pairs(&canonical),
            canonical_pairs(&case.url),
            "line {}: the canonical `{canonical}` does not carry what `{}` carried",
            case.line,
            case.url
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} URLs read without error");
}

#[test]
fn make_with_a_vin_is_a_warning_and_mode_test_stays_test() {
    let (mut with_make, mut with_test) = (0, 0);
    for case in cases() {
        let report = ConnectUrl::read(&case.url);
        let pairs = query_pairs(&case.url);
        let given = |name: &str| pairs.keys().any(|(n, _)| n == name);
        if given("make") && given("single_select_vin") {
            // Connect ignores the make: a warning, never an error; the placeholder
            // VINs stay errors (the data file lists them).
            assert!(
                report
                    .warnings()
                    .any(|w| w.problem() == &Problem::MakeIgnoredWithSingleSelectVin),
                "line {}: {:?}",
                case.line,
                report.findings()
            );
            assert!(
                report
                    .errors()
                    .all(|e| e.parameter() != Some(Parameter::Make)),
                "line {}: {:?}",
                case.line,
                report.findings()
            );
            with_make += 1;
        }
        if pairs.contains_key(&("mode".to_owned(), "test".to_owned()))
            && let Some(url) = report.url()
        {
            assert_eq!(url.request().deprecated_mode(), Some(DeprecatedMode::Test));
            assert_eq!(url.request().mode(), Some(&Mode::Simulated));
            assert!(url.as_str().contains("&mode=test"), "line {}", case.line);
            let again: ConnectUrl = url.as_str().parse().unwrap();
            assert_eq!(&again, url, "line {}", case.line);
            with_test += 1;
        }
    }
    assert!(with_make >= 6, "only {with_make} links with make and a VIN");
    assert!(with_test >= 3, "only {with_test} links with mode=test");
}
