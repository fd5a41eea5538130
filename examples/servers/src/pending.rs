//! The states of the flows in progress, kept on the server so that each is
//! accepted once: a callback replayed with the same cookie finds its state gone.
//!
//! Bounded in time and in count. A state expires after its lifetime (the state
//! cookie's `Max-Age`); when `capacity` flows are in progress, starting another
//! forgets the oldest. Someone opening flows in a loop can thus make a slow owner
//! start again, but cannot grow the server's memory. Every operation is O(1)
//! amortised.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use connect_core::State;

/// States handed out and not yet used, with when each expires.
#[derive(Debug)]
pub struct PendingStates {
    lifetime: Duration,
    capacity: usize,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// Pending state -> when it expires.
    expiry: HashMap<String, Instant>,
    /// Every state inserted, oldest first; entries already taken stay until they
    /// reach the front or the queue is compacted.
    order: VecDeque<(Instant, String)>,
}

impl Inner {
    /// Forgets the state at the front of `order`, if it is still pending.
    fn pop_oldest(&mut self) {
        if let Some((expires, state)) = self.order.pop_front() {
            if self.expiry.get(&state) == Some(&expires) {
                self.expiry.remove(&state);
            }
        }
    }
}

impl PendingStates {
    /// A store whose states live `lifetime`, at most `capacity` at a time (at least one).
    #[must_use]
    pub fn new(lifetime: Duration, capacity: usize) -> Self {
        PendingStates {
            lifetime,
            capacity: capacity.max(1),
            inner: Mutex::new(Inner::default()),
        }
    }

    /// Records `state` as handed out now.
    pub fn insert(&self, state: &State) {
        self.insert_at(state, Instant::now());
    }

    /// Removes `state` and says whether it was pending and unexpired: true once
    /// per state handed out.
    pub fn take(&self, state: &State) -> bool {
        self.take_at(state, Instant::now())
    }

    /// How many states are pending (expired ones included until they are swept).
    pub fn len(&self) -> usize {
        self.lock().expiry.len()
    }

    /// Whether no state is pending.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // No code holding the lock panics; a poisoned lock still holds a usable map.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn insert_at(&self, state: &State, now: Instant) {
        let mut inner = self.lock();
        while inner
            .order
            .front()
            .is_some_and(|(expires, _)| *expires <= now)
        {
            inner.pop_oldest();
        }
        while inner.expiry.len() >= self.capacity {
            inner.pop_oldest();
        }
        // Entries of taken states pile up in `order` only until it is twice the
        // capacity: then one linear pass drops them (amortised O(1) per insert).
        if inner.order.len() >= 2 * self.capacity {
            let Inner { expiry, order } = &mut *inner;
            order.retain(|(expires, state)| expiry.get(state) == Some(expires));
        }
        let expires = now + self.lifetime;
        inner.expiry.insert(state.as_str().to_owned(), expires);
        inner.order.push_back((expires, state.as_str().to_owned()));
    }

    fn take_at(&self, state: &State, now: Instant) -> bool {
        match self.lock().expiry.remove(state.as_str()) {
            Some(expires) => now < expires,
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(text: &str) -> State {
        text.parse().unwrap()
    }

    #[test]
    fn a_state_is_taken_once() {
        let states = PendingStates::new(Duration::from_secs(600), 10);
        states.insert(&state("s1"));
        assert!(!states.take(&state("s2")), "never handed out");
        assert!(states.take(&state("s1")));
        assert!(!states.take(&state("s1")), "a replay");
        assert!(states.is_empty());
    }

    #[test]
    fn an_expired_state_is_refused_and_swept() {
        let states = PendingStates::new(Duration::from_secs(600), 10);
        let start = Instant::now();
        states.insert_at(&state("old"), start);
        assert!(!states.take_at(&state("old"), start + Duration::from_secs(600)));
        states.insert_at(&state("a"), start);
        states.insert_at(&state("b"), start + Duration::from_secs(601));
        assert_eq!(states.len(), 1, "`a` expired and was swept: {states:?}");
    }

    #[test]
    fn beyond_capacity_the_oldest_is_forgotten_and_memory_stays_bounded() {
        let states = PendingStates::new(Duration::from_secs(600), 3);
        for i in 0..4 {
            states.insert(&state(&format!("s{i}")));
        }
        assert_eq!(states.len(), 3);
        assert!(!states.take(&state("s0")), "the oldest was forgotten");
        assert!(states.take(&state("s3")));
        // Taking every state right after handing it out leaves entries in the
        // queue; compaction keeps it within twice the capacity.
        for i in 0..1000 {
            let s = state(&format!("t{i}"));
            states.insert(&s);
            assert!(states.take(&s));
        }
        assert!(
            states.lock().order.len() <= 2 * 3,
            "{}",
            states.lock().order.len()
        );
    }
}
