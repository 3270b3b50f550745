//! Where and when an event happened, apart from where and when it was
//! reported: datelines, time zones and the reporting day (issue 11, section 2).

use dossier_core::{annotate, Annotated, Document};

fn run(text: &str) -> Annotated {
    annotate(Document {
        id: "places".into(),
        published: "2015-06-10".parse().ok(),
        text: text.into(),
        ..Document::default()
    })
}

fn place(a: &Annotated) -> Option<String> {
    a.events.first().and_then(|e| e.place).map(|p| a.entities[p].name.clone())
}

#[test]
fn a_dateline_is_where_the_report_was_filed() {
    for text in [
        "KABUL, Afghanistan — A bomb exploded at a hotel in Herat on Sunday, killing four people.",
        "KABUL: A bomb exploded at a hotel in Herat on Sunday, killing four people.",
    ] {
        let a = run(text);
        assert_eq!(place(&a).as_deref(), Some("Herat"), "{text}: {:?}", a.events);
    }
    let a = run("MANILA: A bomb exploded at a market, killing two people.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    assert_eq!(place(&a), None, "{:?}", a.events);
}

#[test]
fn a_time_zone_is_not_a_place() {
    let a = run(
        "The talks will resume at 10am Sanaa time, a day after a bomb killed two guards in Aden.",
    );
    assert_ne!(place(&a).as_deref(), Some("Sanaa"), "{:?}", a.events);
    let a = run("The launch is at 9 p.m. EST on Tuesday, a day after a bomb killed two guards.");
    assert_eq!(place(&a), None, "{:?}", a.events);
}

#[test]
fn the_reporting_day_is_not_the_event_day() {
    let a = run("A bomb killed two guards at the gate of the ministry, officials said Monday.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    assert!(a.events[0].when.is_none(), "{:?}", a.events[0].when);
}
