//! The rules every list parameter shares (`scope`, `flags`): not empty, and each
//! entry at most once.

use std::collections::HashSet;
use std::hash::Hash;

use crate::error::{Error, Findings, Problem};
use crate::parameter::Parameter;

/// Every broken rule of a list, each with the index of the entry at fault (`None`
/// for the list as a whole): empty, or an entry whose `key` came before.
///
/// The cost is linear in the entries: a short list (the usual scope or flags) is
/// compared with its earlier entries, at most `SHORT * SHORT` comparisons and no
/// allocation; a longer one keeps a set of the keys seen.
pub(crate) fn list_problems<T, K: Eq + Hash>(
    parameter: Parameter,
    entries: &[T],
    key: impl Fn(&T) -> K,
    duplicate: impl Fn(&T) -> Problem,
) -> Vec<(Option<usize>, Error)> {
    if entries.is_empty() {
        return vec![(None, Error::new(parameter, Problem::Empty))];
    }
    let repeated: Vec<usize> = if entries.len() <= SHORT {
        (0..entries.len())
            .filter(|&i| entries[..i].iter().any(|e| key(e) == key(&entries[i])))
            .collect()
    } else {
        let mut seen = HashSet::with_capacity(entries.len());
        (0..entries.len())
            .filter(|&i| !seen.insert(key(&entries[i])))
            .collect()
    };
    repeated
        .into_iter()
        .map(|i| (Some(i), Error::new(parameter, duplicate(&entries[i]))))
        .collect()
}

/// The rules of a list as written, its refused entries left out: an empty list
/// is a problem only when nothing was written, not when every entry written was
/// refused (each is reported already). The one owner of that exception, for the
/// reader of links and `connect_url!`.
pub(crate) fn problems_as_written<T>(
    entries: &[T],
    some_refused: bool,
    problems: impl Fn(&[T]) -> Vec<(Option<usize>, Error)>,
) -> Vec<(Option<usize>, Error)> {
    if entries.is_empty() && some_refused {
        Vec::new()
    } else {
        problems(entries)
    }
}

/// Reads a space-separated list of a link: every entry, each broken one its own
/// finding, then the list's own rules. The entries, when nothing was wrong.
pub(crate) fn read_list<T>(
    text: &str,
    entry: impl Fn(&str) -> Result<T, Error>,
    problems: impl Fn(&[T]) -> Vec<(Option<usize>, Error)>,
    findings: &mut Findings,
) -> Option<Vec<T>> {
    let mut entries = Vec::new();
    let mut all_read = true;
    for written in text.split_whitespace() {
        match entry(written) {
            Ok(entry) => entries.push(entry),
            Err(e) => {
                findings.error(e);
                all_read = false;
            }
        }
    }
    let problems = problems_as_written(&entries, !all_read, problems);
    let clean = problems.is_empty();
    for (_, error) in problems {
        findings.error(error);
    }
    (all_read && clean).then_some(entries)
}

/// Up to this many entries, a list is checked without a set.
const SHORT: usize = 16;

/// The first broken rule of a list, or the list.
pub(crate) fn checked_list<T, K: Eq + Hash>(
    parameter: Parameter,
    entries: Vec<T>,
    key: impl Fn(&T) -> K,
    duplicate: impl Fn(&T) -> Problem,
) -> Result<Vec<T>, Error> {
    match list_problems(parameter, &entries, key, duplicate)
        .into_iter()
        .next()
    {
        Some((_, error)) => Err(error),
        None => Ok(entries),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeated(keys: &[u32]) -> Vec<Option<usize>> {
        list_problems(Parameter::Flags, keys, |k| *k, |_| Problem::Empty)
            .into_iter()
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn short_and_long_lists_find_the_same_repeats() {
        assert_eq!(repeated(&[1, 2, 1, 3, 2]), [Some(2), Some(4)]);
        let long: Vec<u32> = (0..100).chain([5, 99, 5]).collect();
        assert_eq!(repeated(&long), [Some(100), Some(101), Some(102)]);
        assert_eq!(repeated(&[]), [None]);
    }
}
