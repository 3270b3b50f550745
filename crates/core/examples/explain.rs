//! Prints, sentence by sentence, what extraction finds in a text file: entity
//! mentions with their kinds, quantities, times, then the claims and events.
//! A tool for reading the recognizers' output while improving them.
//!
//! ```text
//! cargo run -p dossier-core --example explain -- ARTICLE.txt [YYYY-MM-DD]
//! ```
//! Header lines (`Title:`, `Published:` ...) before the first blank line are
//! skipped; `Published:` gives the publication date unless one is passed.

use dossier_core::{annotate, Document, MentionKind, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: explain FILE [YYYY-MM-DD]")?;
    let raw = std::fs::read_to_string(&path)?;
    let mut published = args.next().and_then(|d| d.parse().ok());
    let mut text = raw.as_str();
    if let Some((head, body)) = raw.split_once("\n\n") {
        if head.lines().all(|l| l.contains(": ")) {
            for l in head.lines() {
                if let Some(d) = l.strip_prefix("Published: ") {
                    published = published.or_else(|| d.get(..10).and_then(|d| d.parse().ok()));
                }
            }
            text = body;
        }
    }
    let doc = Document { id: "explain".into(), published, text: text.into(), ..Default::default() };
    let a = annotate(doc);
    let t = &a.doc.text;
    for (si, s) in a.sentences.iter().enumerate() {
        println!("[{si}] {}", s.slice(t));
        for m in a.mentions.iter().filter(|m| s.contains(m.span)) {
            let what = match (&m.kind, &m.value, m.entity) {
                (MentionKind::Entity, _, Some(e)) => {
                    let ent = &a.entities[e];
                    format!("{:?} #{e} {}", ent.kind, ent.name)
                }
                (_, Some(Value::Quantity { quantity, unit }), _) => {
                    format!("Q {} unit={unit:?}", quantity.display())
                }
                (_, Some(Value::Time { interval, .. }), _) => {
                    format!("T {:?}", interval.as_ref().map(|i| (i.start, i.end, i.value.clone())))
                }
                _ => format!("{:?}", m.kind),
            };
            println!("     {:<28} {what}", format!("“{}”", m.span.slice(t)));
        }
        for c in a.claims.iter().filter(|c| s.contains(c.span)) {
            println!(
                "  => claim {} {:?} {:?} when={:?} src={:?} {:?} {:?}",
                a.entities[c.subject].name,
                c.predicate,
                c.value,
                c.when.as_ref().map(|w| &w.text),
                c.source,
                c.modality,
                c.status
            );
        }
    }
    for ev in &a.events {
        println!("EVENT {ev:?}");
    }
    Ok(())
}
