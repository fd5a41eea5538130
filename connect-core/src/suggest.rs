//! Did-you-mean: the closest known name to a misspelt one.

/// Inputs longer than this get no suggestion, at once. No name of the catalogs is
/// longer than 26 bytes, and a typo is at most a third of the longer name away, so
/// nothing longer than 39 bytes could be suggested one anyway; 64 leaves room.
/// Without it, one megabyte of unknown permission cost seconds (issue 11).
pub(crate) const MAX_INPUT_LEN: usize = 64;

/// The candidate closest to `input` by edit distance, if it is close enough to be a
/// likely typo (at most a third of the longer name, and never a different name of
/// the same length that shares little).
///
/// The cost is bounded: an input over 64 bytes gets `None` at once,
/// and a candidate whose length alone puts it too far is skipped before any edit
/// distance is computed.
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    if input.len() > MAX_INPUT_LEN {
        return None;
    }
    let input_lower = input.to_ascii_lowercase();
    let input_chars = input.chars().count();
    let allowed = |c: &str| (input_chars.max(c.len()) / 3).max(1);
    candidates
        .into_iter()
        // The length difference is a lower bound of the edit distance.
        .filter(|c| input_chars.abs_diff(c.chars().count()) <= allowed(c))
        .map(|c| (distance(&input_lower, &c.to_ascii_lowercase()), c))
        .filter(|&(d, c)| d > 0 || !c.eq(input))
        .filter(|&(d, c)| d <= allowed(c))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Damerau-Levenshtein distance (optimal string alignment): insertions, deletions,
/// substitutions and swaps of two neighbours each cost one.
///
/// Written here rather than with `strsim::osa_distance`, which computes the same
/// distance (equal on every pair of the 28 permission names): `strsim` costs a
/// measurable part of a cold build, on the user's build and on the macro's
/// (`cargo build -j1 --timings` against the url-only app of `bench/cold_build.py`),
/// and it is not faster at run time (28 distances to `read_odometr`, release
/// build, alternated); figures in BENCHMARKS.md. The inputs are bounded (64 bytes, see
/// [`MAX_INPUT_LEN`]), so the table's allocations do not matter.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Rows of the dynamic-programming table: two back, one back, current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits_and_swaps() {
        assert_eq!(distance("read_vin", "read_vin"), 0);
        assert_eq!(distance("read_odometr", "read_odometer"), 1);
        assert_eq!(distance("raed_vin", "read_vin"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn closest_finds_typos_and_ignores_strangers() {
        let names = ["read_odometer", "read_vin", "read_location"];
        assert_eq!(closest("read_odometr", names), Some("read_odometer"));
        assert_eq!(closest("READ_VIN", names), Some("read_vin"));
        assert_eq!(closest("control_trunk", names), None);
        assert_eq!(closest("", names), None);
    }

    #[test]
    fn long_inputs_get_no_suggestion_and_lengths_filter_before_distance() {
        let long = "read_odometer".repeat(5);
        assert!(long.len() > MAX_INPUT_LEN);
        assert_eq!(closest(&long, ["read_odometer"]), None);
        assert_eq!(closest(&"r".repeat(1 << 20), ["read_odometer"]), None);
        // At the limit the rules are unchanged: one edit of a 64-byte name.
        let name = "a".repeat(MAX_INPUT_LEN);
        let typo = format!("b{}", &name[1..]);
        assert_eq!(closest(&typo, [name.as_str()]), Some(name.as_str()));
        // Three letters longer is too far for a 5-letter name (allowed: 2)...
        assert_eq!(closest("teslaxxx", ["TESLA"]), None);
        // ...two is not.
        assert_eq!(closest("teslaxx", ["TESLA"]), Some("TESLA"));
        // Every name of the catalogs can still be suggested.
        let longest = crate::model::catalog::permissions::Permission::ALL
            .iter()
            .map(|p| p.name().len())
            .chain(crate::model::value::Make::catalog().map(str::len))
            .chain(
                crate::parameter::Parameter::ALL
                    .iter()
                    .map(|p| p.name().len()),
            )
            .max()
            .unwrap_or_default();
        assert!(longest + longest / 2 <= MAX_INPUT_LEN, "{longest}");
    }

    #[test]
    fn case_only_difference_is_suggested() {
        assert_eq!(closest("tesla", ["TESLA", "BMW"]), Some("TESLA"));
    }
}
