//! Exact allocation counts of building a link, with a counting global allocator.
//! Counts are per thread, so tests running in parallel do not disturb each other.

#![allow(unsafe_code)] // a `GlobalAlloc` is an `unsafe impl` calling `System`

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use connect_core::{ClientId, ConnectUrl, Permission, RedirectUri, Scope, ScopeEntry, State};
use connect_macros::connect_url;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// How many allocations `f` makes on this thread, and its result.
fn count<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let value = f();
    (ALLOCATIONS.with(Cell::get) - before, value)
}

#[test]
fn a_literal_link_allocates_nothing() {
    let (allocations, url) = count(|| {
        connect_url!(
            client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
            scope: [required read_odometer, read_vehicle_info, read_location],
            redirect_uri: "https://example.com/home",
            state: "0facda3319",
            flags: [country: DE],
        )
    });
    assert_eq!(allocations, 0);
    assert!(url
        .as_str()
        .ends_with("&state=0facda3319&flags=country%3ADE"));
    // The typed request is derived from the text on the first read (that one
    // allocates), then kept: later reads allocate nothing.
    let (first, n) = count(|| url.request().scope().map_or(0, |s| s.entries().len()));
    assert!(first > 0);
    assert_eq!(n, 3);
    let (allocations, n) = count(|| url.request().scope().map_or(0, |s| s.entries().len()));
    assert_eq!((allocations, n), (0, 3));
}

#[test]
fn a_runtime_state_costs_the_text_and_the_parts_kept() {
    let state = State::generate().unwrap();
    let expected_end = format!("&state={state}");
    let (allocations, url) = count(|| {
        connect_url!(
            client_id: "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
            scope: [required read_odometer, read_vehicle_info, read_location],
            redirect_uri: "https://example.com/home",
            state: state,
        )
    });
    assert_eq!(
        allocations, 2,
        "the rendered text, sized exactly, and the parts the link keeps"
    );
    assert!(url.as_str().ends_with(&expected_end), "{url}");
    // Kept: reading them allocates nothing, and parses nothing.
    let (allocations, _) = count(|| url.request().state().cloned());
    assert_eq!(allocations, 1, "the clone of the state read");
}

#[test]
fn the_builder_allocates_only_the_text_once_values_are_typed() {
    let state = State::generate().unwrap();
    let (validation, (client, scope, redirect)) = count(|| {
        let scope = Scope::new([
            ScopeEntry::required(Permission::ReadOdometer),
            ScopeEntry::optional(Permission::ReadVehicleInfo),
        ])
        .unwrap();
        let client = ClientId::from_static("8229df9f-91a0-4ff0-a1ae-a1f38ee24d07").unwrap();
        let redirect = RedirectUri::from_static("https://example.com/home").unwrap();
        (client, scope, redirect)
    });
    assert_eq!(
        validation, 2,
        "the scope's entries, and the `url` crate's parse checking the redirect URI"
    );
    let (building, _) = count(|| {
        ConnectUrl::builder(client)
            .scope(scope)
            .redirect_uri(redirect)
            .state(state)
            .build()
            .unwrap()
    });
    assert_eq!(
        building, 2,
        "the rendered text and the parts the link keeps"
    );
}
