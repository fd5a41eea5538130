//! A map bounded in size: beyond its capacity, the oldest entry is forgotten.
//! For what a server hands out and expects back (codes, refresh tokens,
//! sessions), so that someone asking in a loop cannot grow its memory.

use std::collections::{HashMap, VecDeque};

/// Keys to values, at most `capacity` of them; every operation O(1) amortised.
///
/// ```
/// use connect_stand_in::serving::bounded::BoundedMap;
///
/// let mut codes = BoundedMap::new(2);
/// codes.insert("a".to_owned(), 1);
/// codes.insert("b".to_owned(), 2);
/// codes.insert("c".to_owned(), 3); // "a", the oldest, is forgotten
/// assert_eq!(codes.get("a"), None);
/// assert_eq!(codes.take("c"), Some(3));
/// assert_eq!(codes.len(), 1);
/// ```
#[derive(Debug)]
pub struct BoundedMap<V> {
    capacity: usize,
    entries: HashMap<String, V>,
    /// Every key inserted, oldest first; keys already taken stay until they reach
    /// the front or the queue is compacted.
    order: VecDeque<String>,
}

impl<V> BoundedMap<V> {
    /// An empty map of at most `capacity` entries (at least one).
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        BoundedMap {
            capacity: capacity.max(1),
            entries: HashMap::new(),
            order: VecDeque::new(),
        }
    }

    /// Inserts `value` under `key`, forgetting the oldest entries beyond the capacity.
    pub fn insert(&mut self, key: String, value: V) {
        while self.entries.len() >= self.capacity {
            match self.order.pop_front() {
                Some(oldest) => {
                    self.entries.remove(&oldest);
                }
                None => break,
            }
        }
        // Keys taken pile up in `order` only until it is twice the capacity: then
        // one linear pass drops them (amortised O(1) per insert).
        if self.order.len() >= 2 * self.capacity {
            let entries = &self.entries;
            self.order.retain(|k| entries.contains_key(k));
        }
        self.order.push_back(key.clone());
        self.entries.insert(key, value);
    }

    /// Removes and returns the value under `key`.
    pub fn take(&mut self, key: &str) -> Option<V> {
        self.entries.remove(key)
    }

    /// The value under `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&V> {
        self.entries.get(key)
    }

    /// The value under `key`, to change in place.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.entries.get_mut(key)
    }

    /// How many entries there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_bounded_in_entries_and_in_queue() {
        let mut map = BoundedMap::new(100);
        for i in 0..105 {
            map.insert(i.to_string(), i);
        }
        assert_eq!(map.len(), 100);
        assert_eq!(map.take("0"), None, "the oldest was forgotten");
        assert_eq!(map.take("104"), Some(104));
        for i in 0..1000 {
            let key = format!("t{i}");
            map.insert(key.clone(), i);
            assert_eq!(map.take(&key), Some(i));
        }
        assert!(map.order.len() <= 201, "{}", map.order.len());
    }
}
