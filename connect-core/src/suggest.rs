//! Did-you-mean: the closest known name to a misspelt one.

/// The candidate closest to `input` by edit distance, if it is close enough to be a
/// likely typo (at most a third of the longer name, and never a different name of
/// the same length that shares little).
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input_lower = input.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&input_lower, &c.to_ascii_lowercase()), c))
        .filter(|&(d, c)| d > 0 || !c.eq(input))
        .filter(|&(d, c)| d <= input.chars().count().max(c.len()) / 3 || d <= 1)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Damerau-Levenshtein distance (optimal string alignment): insertions, deletions,
/// substitutions and swaps of two neighbours each cost one.
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
    fn case_only_difference_is_suggested() {
        assert_eq!(closest("tesla", ["TESLA", "BMW"]), Some("TESLA"));
    }
}
