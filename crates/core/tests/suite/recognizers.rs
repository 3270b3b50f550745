//! Property tests of every stage (issue 12 §2): segmentation, quantities,
//! times, entities, and `annotate` (claims and events) never panic, give
//! spans on char boundaries inside the text, in order where they promise
//! it, with indices that point at something, and the same output for the
//! same input.

use chrono::NaiveDate;
use dossier_core::segment::{paragraphs, sentences, tokenize_into};
use dossier_core::{annotate, find_entities, find_quantities, find_times, Document, Span};
use proptest::prelude::*;

use crate::news;
use crate::properties::check_span;

/// Spans in order, none overlapping, none empty, each inside `outer`.
fn check_sequence(text: &str, outer: Span, spans: &[Span], what: &str) {
    for s in spans {
        check_span(text, *s);
        assert!(!s.is_empty(), "empty {what} {s:?} in {text:?}");
        assert!(outer.contains(*s), "{what} {s:?} outside {outer:?} in {text:?}");
    }
    for w in spans.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "{what}s {:?} and {:?} out of order in {text:?}",
            w[0],
            w[1]
        );
    }
}

fn check_segmentation(text: &str) {
    let all = Span::new(0, text.len());
    let paras = paragraphs(text);
    check_sequence(text, all, &paras, "paragraph");
    for p in &paras {
        let t = p.slice(text);
        assert_eq!(t, t.trim(), "paragraph {p:?} has white space at an edge in {text:?}");
    }
    let sents = sentences(text, &paras);
    check_sequence(text, all, &sents, "sentence");
    for s in &sents {
        assert!(paras.iter().any(|p| p.contains(*s)), "sentence {s:?} across paragraphs");
        let mut tokens = Vec::new();
        tokenize_into(text, *s, &mut tokens);
        let spans: Vec<Span> = tokens.iter().map(|t| t.span).collect();
        check_sequence(text, *s, &spans, "token");
        for t in &spans {
            let t = t.slice(text);
            assert!(!t.trim().is_empty(), "white-space token {t:?} in {text:?}");
        }
    }
    assert_eq!(paras, paragraphs(text));
    assert_eq!(sents, sentences(text, &paras));
}

fn check_quantities_and_times(text: &str, dct: Option<NaiveDate>) {
    let quantities = find_quantities(text);
    for m in &quantities {
        check_span(text, m.span);
        if let Some(u) = m.unit {
            check_span(text, u);
        }
        let q = m.quantity;
        assert!(q.low.is_none_or(f64::is_finite) && q.high.is_none_or(f64::is_finite), "{q:?}");
        if let (Some(lo), Some(hi)) = (q.low, q.high) {
            assert!(lo <= hi, "{q:?} from {:?}", m.span.slice(text));
        }
    }
    assert_eq!(quantities, find_quantities(text));
    let times = find_times(text, dct);
    for m in &times {
        check_span(text, m.span);
        check_span(text, m.full_span());
        if let Some(i) = &m.interval {
            if let (Some(a), Some(b)) = (i.start, i.end) {
                assert!(a <= b, "interval {i:?} of {:?}", m.span.slice(text));
            }
        }
    }
    assert_eq!(times, find_times(text, dct));
}

fn check_entities(text: &str) {
    let found = find_entities(text, None);
    for m in &found.mentions {
        check_span(text, m.span);
        assert!(!m.span.is_empty());
        assert!(m.entity < found.entities.len(), "mention of a missing entity");
    }
    for w in found.mentions.windows(2) {
        assert!(w[0].span.start <= w[1].span.start, "mentions out of text order");
    }
    for e in &found.entities {
        assert!(!e.name.trim().is_empty(), "an entity without a name: {e:?}");
    }
    assert_eq!(found.mentions, find_entities(text, None).mentions);
}

fn check_annotate(text: &str, dct: Option<NaiveDate>) {
    let doc =
        Document { id: "prop".into(), published: dct, text: text.into(), ..Document::default() };
    let a = annotate(doc.clone());
    assert_eq!(a.doc, doc, "annotate changed the document");
    let all = Span::new(0, text.len());
    check_sequence(text, all, &a.paragraphs, "paragraph");
    check_sequence(text, all, &a.sentences, "sentence");
    let n = a.entities.len();
    for m in &a.mentions {
        check_span(text, m.span);
        assert!(m.entity.is_none_or(|e| e < n), "mention of a missing entity");
    }
    for c in &a.claims {
        check_span(text, c.span);
        assert!(c.subject < n, "claim about a missing entity: {c:?}");
        if let dossier_core::Value::Entity(e) = c.value {
            assert!(e < n, "claim value is a missing entity: {c:?}");
        }
    }
    for e in &a.events {
        assert!(!e.spans.is_empty(), "an event with no text: {e:?}");
        e.spans.iter().for_each(|&s| check_span(text, s));
        assert!(e.place.is_none_or(|p| p < n), "{e:?}");
        assert!(e.perpetrators.iter().chain(&e.denied_by).all(|&p| p < n), "{e:?}");
        for q in [e.killed, e.wounded, e.killed_or_wounded].into_iter().flatten() {
            if let (Some(lo), Some(hi)) = (q.low, q.high) {
                assert!(lo <= hi && lo >= 0.0, "casualties {q:?} in {e:?}");
            }
        }
    }
    assert_eq!(a, annotate(doc), "annotate is not deterministic");
}

/// Text, sometimes with the white space and punctuation segmentation turns on.
fn messy() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,160}",
        "[a-zA-Z0-9 .,;:!?'\"()\\-\n\r\t\u{a0}\u{2026}\u{201c}\u{201d}]{0,160}",
        news::article(),
    ]
}

fn dates() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        Just(None),
        (1900i32..2100, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        Just(Some(NaiveDate::MIN)),
        Just(Some(NaiveDate::MAX)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn segmentation_gives_ordered_trimmed_spans(text in messy()) {
        check_segmentation(&text);
    }

    #[test]
    fn quantities_and_times_are_ordered_and_deterministic(text in messy(), dct in dates()) {
        check_quantities_and_times(&text, dct);
    }

    #[test]
    fn entity_mentions_point_at_entities(text in messy()) {
        check_entities(&text);
    }
}

proptest! {
    // annotate runs the tagger and parser too: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn annotate_spans_and_indices_hold_on_news(text in news::article(), dct in dates()) {
        check_annotate(&text, dct);
    }

    #[test]
    fn annotate_spans_and_indices_hold_on_any_text(text in "\\PC{0,200}", dct in dates()) {
        check_annotate(&text, dct);
    }
}

/// Found by `dossier-fuzz`: "killing one" as the last words of a text made
/// the casualty reader look at the token after the end (events.rs).
#[test]
fn issue_12_a_casualty_count_as_the_last_word_does_not_panic() {
    for text in ["killing one", "wounding both", "Gunmen fired at a family in Bannu, killing one"] {
        check_annotate(text, None);
    }
    let text = "Gunmen fired at a family in Bannu on Monday, killing one";
    let date = NaiveDate::from_ymd_opt(2022, 3, 2);
    check_annotate(text, date);
    let a = annotate(Document { text: text.into(), published: date, ..Document::default() });
    let killed: Vec<_> = a.events.iter().filter_map(|e| e.killed).collect();
    assert!(killed.iter().any(|q| q.low == Some(1.0) && q.high == Some(1.0)), "{:?}", a.events);
}

/// Found by `dossier-fuzz`: a figure inside a sentence's last word ("o'6")
/// gave a casualty count whose tokens lie past the sentence, and the
/// hostage check read them (events.rs).
#[test]
fn issue_12_a_figure_inside_the_last_word_does_not_panic() {
    for text in ["o'6", "Gunmen killed o'6", "Gunmen killed o'6. Police said 9 people were held."] {
        check_annotate(text, None);
    }
}
