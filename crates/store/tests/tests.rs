//! Integration tests of the SQLite store, one module per area.

use chrono::NaiveDate;
use dossier_core::{
    Annotated, Claim, Document, EntityKind, Event, EventKind, Granularity, LocalEntity, Mention,
    MentionKind, Modality, Predicate, Quantity, Span, TimeInterval, Value, Victims, When,
};
use dossier_store::{DecisionKind, ErrorKind, Store, StoreError};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A document with no annotations.
fn plain(id: &str, published: Option<NaiveDate>, text: &str) -> Annotated {
    Annotated {
        doc: Document {
            id: id.into(),
            title: Some(format!("Title {id}")),
            published,
            text: text.into(),
            ..Document::default()
        },
        ..Annotated::default()
    }
}

/// A document using every variant of the model.
fn rich(id: &str) -> Annotated {
    let text = "Islamic State Khorasan, or ISIS-K, has about 4,000 fighters, a UN report said. \
                It was founded in January 2015 in Nangarhār. \
                On Thursday a suicide bomber killed 13 U.S. troops and 75 civilians in Kabul; \
                ISIS-K claimed the attack. Its leader is Shahab al-Muhajir."
        .to_string();
    let at = |needle: &str| {
        let s = text.find(needle).unwrap();
        Span::new(s, s + needle.len())
    };
    let sentence1 =
        at("Islamic State Khorasan, or ISIS-K, has about 4,000 fighters, a UN report said.");
    let sentence2 = at("It was founded in January 2015 in Nangarhār.");
    let sentence3 =
        at("On Thursday a suicide bomber killed 13 U.S. troops and 75 civilians in Kabul;");
    let jan2015 = TimeInterval {
        start: Some(date(2015, 1, 1)),
        end: Some(date(2015, 1, 31)),
        granularity: Granularity::Month,
        value: Some("2015-01".into()),
    };
    let thursday = When {
        interval: Some(TimeInterval {
            start: Some(date(2021, 8, 26)),
            end: Some(date(2021, 8, 26)),
            granularity: Granularity::Day,
            value: Some("2021-08-26".into()),
        }),
        text: "Thursday".into(),
    };
    let entity = |kind, name: &str, aliases: &[&str], catalog: Option<&str>| LocalEntity {
        kind,
        name: name.into(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        catalog_id: catalog.map(str::to_string),
        evidence: vec!["alias definition: X, or Y".into()],
    };
    let claim = |subject, predicate, value, modality, source: Option<&str>, span| Claim {
        subject,
        predicate,
        value,
        when: None,
        source: source.map(str::to_string),
        modality,
        status: None,
        span,
    };
    Annotated {
        doc: Document {
            id: id.into(),
            title: Some("ISIS-K: a profile".into()),
            source: Some("Kabul Ledger".into()),
            url: Some(format!("https://example.org/{id}")),
            published: Some(date(2021, 8, 28)),
            path: Some(format!("articles/{id}.txt")),
            text: text.clone(),
        },
        paragraphs: vec![Span::new(0, text.len())],
        sentences: vec![sentence1, sentence2, sentence3],
        mentions: vec![
            Mention {
                span: at("Islamic State Khorasan"),
                kind: MentionKind::Entity,
                entity: Some(0),
                value: None,
            },
            Mention {
                span: at("about 4,000"),
                kind: MentionKind::Quantity,
                entity: None,
                value: Some(Value::Quantity {
                    quantity: Quantity { low: Some(3600.0), high: Some(4400.0), approximate: true },
                    unit: Some("fighters".into()),
                }),
            },
            Mention {
                span: at("January 2015"),
                kind: MentionKind::Time,
                entity: None,
                value: Some(Value::Time {
                    interval: Some(jan2015.clone()),
                    text: "January 2015".into(),
                }),
            },
        ],
        entities: vec![
            entity(
                EntityKind::Group,
                "Islamic State Khorasan",
                &["ISIS-K"],
                Some("group:islamic-state-khorasan"),
            ),
            entity(EntityKind::Place, "Nangarhār", &[], None),
            entity(EntityKind::Place, "Kabul", &[], Some("place:AF-KAB")),
            entity(EntityKind::Person, "Shahab al-Muhajir", &[], None),
            entity(EntityKind::Organization, "UN", &["United Nations"], None),
            entity(EntityKind::Nationality, "U.S.", &[], None),
            entity(EntityKind::Other, "Thing", &[], None),
        ],
        claims: vec![
            Claim {
                when: Some(When { interval: None, text: "currently".into() }),
                ..claim(
                    0,
                    Predicate::Strength,
                    Value::Quantity {
                        quantity: Quantity { low: Some(3600.0), high: None, approximate: true },
                        unit: Some("fighters".into()),
                    },
                    Modality::Reported,
                    Some("a UN report"),
                    sentence1,
                )
            },
            claim(
                0,
                Predicate::Founded,
                Value::Time { interval: Some(jan2015), text: "January 2015".into() },
                Modality::Asserted,
                None,
                sentence2,
            ),
            claim(
                0,
                Predicate::FirstActive,
                Value::Time { interval: None, text: "at one point".into() },
                Modality::Believed,
                None,
                sentence2,
            ),
            claim(0, Predicate::BasedIn, Value::Entity(1), Modality::Hypothetical, None, sentence2),
            Claim {
                status: Some("current".into()),
                ..claim(
                    0,
                    Predicate::Leader,
                    Value::Entity(3),
                    Modality::Asserted,
                    None,
                    at("Its leader is Shahab al-Muhajir."),
                )
            },
            claim(
                3,
                Predicate::Role,
                Value::Text("emir".into()),
                Modality::Claimed,
                None,
                at("Its leader is Shahab al-Muhajir."),
            ),
            claim(
                0,
                Predicate::Targets,
                Value::Text("U.S. troops".into()),
                Modality::Denied,
                Some("the Taliban"),
                sentence3,
            ),
            claim(
                0,
                Predicate::AttackCount,
                Value::Text("many".into()),
                Modality::Expected,
                None,
                sentence3,
            ),
        ],
        events: vec![
            Event {
                kind: EventKind::SuicideBombing,
                when: Some(thursday),
                place: Some(2),
                perpetrators: vec![0],
                claimed: true,
                killed: Some(Quantity::exact(88.0)),
                wounded: Some(Quantity { low: Some(150.0), high: None, approximate: false }),
                killed_or_wounded: Some(Quantity {
                    low: Some(150.0),
                    high: None,
                    approximate: true,
                }),
                perpetrators_killed: None,
                denied_by: vec![],
                victims: vec![
                    Victims {
                        count: Quantity::exact(13.0),
                        description: "U.S. troops".into(),
                        outcome: "killed".into(),
                    },
                    Victims {
                        count: Quantity::exact(75.0),
                        description: "civilians".into(),
                        outcome: "killed".into(),
                    },
                ],
                spans: vec![sentence3, at("ISIS-K claimed the attack.")],
            },
            Event {
                kind: EventKind::Clash,
                when: None,
                place: None,
                perpetrators: vec![],
                claimed: false,
                killed: None,
                wounded: None,
                killed_or_wounded: None,
                perpetrators_killed: None,
                denied_by: vec![],
                victims: vec![],
                spans: vec![],
            },
        ],
    }
}

fn assert_err_kind<T: std::fmt::Debug>(r: Result<T, StoreError>, kind: ErrorKind) -> StoreError {
    let e = r.unwrap_err();
    assert_eq!(e.kind(), kind, "{e}");
    e
}

mod round_trip {
    use super::*;

    #[test]
    fn every_model_variant_survives() {
        let mut store = Store::open_in_memory().unwrap();
        let a = rich("d1d1d1d1d1");
        let stats = store.insert_batch(std::slice::from_ref(&a)).unwrap();
        assert_eq!(stats.inserted, 1);
        assert_eq!(stats.claims, a.claims.len());
        assert_eq!(stats.events, 2);
        assert_eq!(stats.entities, 7);
        assert_eq!(store.load("d1d1d1d1d1").unwrap(), Some(a.clone()));
        assert_eq!(store.load_all().unwrap(), vec![a]);
        assert_eq!(store.load("nope").unwrap(), None);
        assert!(store.contains("d1d1d1d1d1").unwrap());
        assert!(!store.contains("d1d1d1").unwrap());
    }

    #[test]
    fn survives_reopening_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.db");
        let a = rich("abcdef123");
        {
            let mut store = Store::open(&path).unwrap();
            store.insert_batch(std::slice::from_ref(&a)).unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.load("abcdef123").unwrap(), Some(a));
    }

    #[test]
    fn documents_lists_metadata_in_date_order() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .insert_batch(&[
                plain("c-undated", None, "x"),
                plain("b-late", Some(date(2022, 1, 1)), "x"),
                plain("a-late", Some(date(2022, 1, 1)), "x"),
                plain("z-early", Some(date(2014, 10, 1)), "x"),
                rich("r-rich"),
            ])
            .unwrap();
        let docs = store.documents().unwrap();
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["z-early", "r-rich", "a-late", "b-late", "c-undated"]);
        let r = &docs[1];
        assert_eq!((r.entities, r.claims, r.events), (7, 8, 2));
        assert_eq!(r.published, Some(date(2021, 8, 28)));
        assert_eq!(r.source.as_deref(), Some("Kabul Ledger"));
        assert!(r.ingested_at.starts_with("20"), "{}", r.ingested_at);
        // Streaming visits the same order.
        let mut seen = Vec::new();
        store
            .for_each_annotated(|a| {
                seen.push(a.doc.id);
                Ok::<(), StoreError>(())
            })
            .unwrap();
        assert_eq!(seen, ids);
    }

    #[test]
    fn streaming_stops_at_the_callers_error() {
        let mut store = Store::open_in_memory().unwrap();
        store.insert_batch(&[plain("aaaaaa", None, "x"), plain("bbbbbb", None, "y")]).unwrap();
        let mut n = 0;
        let r: Result<(), Box<dyn std::error::Error>> = store.for_each_annotated(|_| {
            n += 1;
            Err("stop".into())
        });
        assert_eq!(r.unwrap_err().to_string(), "stop");
        assert_eq!(n, 1);
    }
}

mod batches {
    use super::*;

    #[test]
    fn duplicates_are_skipped_and_counted() {
        let mut store = Store::open_in_memory().unwrap();
        let first = store.insert_batch(&[rich("dup000"), plain("one111", None, "x")]).unwrap();
        assert_eq!((first.inserted, first.duplicates), (2, 0));
        // Already stored, and repeated within the batch.
        let second = store
            .insert_batch(&[
                rich("dup000"),
                plain("two222", None, "x"),
                plain("two222", None, "changed"),
            ])
            .unwrap();
        assert_eq!((second.inserted, second.duplicates), (1, 2));
        assert_eq!((second.claims, second.events), (0, 0));
        let c = store.counts().unwrap();
        assert_eq!((c.documents, c.claims, c.events, c.entities), (3, 8, 2, 7));
        assert_eq!(store.load("two222").unwrap().unwrap().doc.text, "x");
    }

    #[test]
    fn a_batch_failing_half_way_stores_nothing_of_it() {
        let mut store = Store::open_in_memory().unwrap();
        store.insert_batch(&[rich("before")]).unwrap();
        let before = store.counts().unwrap();

        // The third document's claim names an entity that does not exist: the
        // first two are already written inside the transaction when it fails.
        let mut broken = rich("broken");
        broken.claims[0].subject = 99;
        let r = store.insert_batch(&[rich("good-1"), rich("good-2"), broken]);
        let e = assert_err_kind(r, ErrorKind::InvalidDocument);
        assert!(e.to_string().contains("broken"), "{e}");
        assert!(e.to_string().contains(":memory:"), "{e}");

        assert_eq!(store.counts().unwrap(), before);
        assert_eq!(store.load("good-1").unwrap(), None);
        assert!(store.search("Khorasan", 10).unwrap().iter().all(|h| h.doc == "before"));
        // The store still works after the rollback.
        assert_eq!(store.insert_batch(&[rich("good-1")]).unwrap().inserted, 1);
    }

    #[test]
    fn a_batch_blocked_by_another_writer_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("locked.db");
        let mut store = Store::open(&path).unwrap();
        store.set_busy_timeout(std::time::Duration::from_millis(50)).unwrap();
        store.insert_batch(&[plain("kept00", None, "x")]).unwrap();
        // Another process's writer holds the lock.
        let other = rusqlite::Connection::open(&path).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        let r = store.insert_batch(&[plain("new000", None, "y")]);
        let e = assert_err_kind(r, ErrorKind::Locked);
        assert!(e.to_string().contains("locked.db"), "{e}");
        // Readers are not blocked by a writer in WAL mode.
        assert_eq!(store.counts().unwrap().documents, 1);
        other.execute_batch("ROLLBACK").unwrap();
        assert_eq!(store.insert_batch(&[plain("new000", None, "y")]).unwrap().inserted, 1);
    }
}

mod removal {
    use super::*;

    #[test]
    fn remove_cascades_to_everything_derived() {
        let mut store = Store::open_in_memory().unwrap();
        store.insert_batch(&[rich("feedface01"), rich("c0ffee0001")]).unwrap();
        assert_eq!(store.search("Khorasan", 10).unwrap().len(), 2);

        assert_eq!(store.remove("feedface").unwrap().as_deref(), Some("feedface01"));
        let c = store.counts().unwrap();
        assert_eq!((c.documents, c.entities, c.claims, c.events), (1, 7, 8, 2));
        let hits = store.search("Khorasan", 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].doc, "c0ffee0001");

        assert_eq!(store.remove("c0ffee0001").unwrap().as_deref(), Some("c0ffee0001"));
        assert_eq!(store.counts().unwrap(), Default::default());
        assert!(store.search("Khorasan", 10).unwrap().is_empty());
        assert_eq!(store.remove("c0ffee0001").unwrap(), None);
    }

    #[test]
    fn ambiguous_prefix_is_an_error_and_removes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        store.insert_batch(&[plain("abcdef01", None, "x"), plain("abcdef02", None, "y")]).unwrap();
        let e = assert_err_kind(store.remove("abcdef"), ErrorKind::AmbiguousId);
        assert!(e.to_string().contains("abcdef01"), "{e}");
        assert_eq!(store.counts().unwrap().documents, 2);
        assert_eq!(store.remove("abcdef02").unwrap().as_deref(), Some("abcdef02"));
        assert_eq!(store.remove("abcdef").unwrap().as_deref(), Some("abcdef01"));
    }
}

mod schema {
    use super::*;
    use dossier_store::SCHEMA_VERSION;

    #[test]
    fn an_empty_file_is_migrated_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.db");
        std::fs::write(&path, b"").unwrap();
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(store.counts().unwrap(), Default::default());
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(store.name(), path.display().to_string());
    }

    #[test]
    fn a_missing_directory_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/x.db");
        let e = assert_err_kind(Store::open(&path), ErrorKind::Database);
        assert!(e.to_string().contains("no/such/dir"), "{e}");
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        drop(Store::open(&path).unwrap());
        set_user_version(&path, SCHEMA_VERSION + 2);
        let e = assert_err_kind(Store::open(&path), ErrorKind::NewerSchema);
        let msg = e.to_string();
        assert!(msg.contains("new.db"), "{msg}");
        assert!(msg.contains(&format!("schema v{}", SCHEMA_VERSION + 2)), "{msg}");
        assert!(msg.contains("upgrade dossier"), "{msg}");
    }

    #[test]
    fn a_file_that_is_not_sqlite_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        let content = "These are my notes, not a database.\n".repeat(100);
        std::fs::write(&path, &content).unwrap();
        let e = assert_err_kind(Store::open(&path), ErrorKind::NotADatabase);
        assert!(e.to_string().contains("notes.txt"), "{e}");
        // Untouched.
        assert_eq!(std::fs::read_to_string(&path).unwrap(), content);
    }

    #[test]
    fn a_tiny_non_sqlite_file_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tiny.json");
        std::fs::write(&path, "{}\n").unwrap();
        let e = assert_err_kind(Store::open(&path), ErrorKind::NotADatabase);
        assert!(e.to_string().contains("tiny.json"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{}\n");
    }

    #[test]
    fn concurrent_opens_of_a_new_file_migrate_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("race.db");
        let threads: Vec<_> = (0..4)
            .map(|i| {
                let path = path.clone();
                std::thread::spawn(move || {
                    let mut store = Store::open(&path).unwrap();
                    store.insert_batch(&[plain(&format!("thread{i}"), None, "x")]).unwrap();
                    store.schema_version().unwrap()
                })
            })
            .collect();
        for t in threads {
            assert_eq!(t.join().unwrap(), SCHEMA_VERSION);
        }
        assert_eq!(Store::open(&path).unwrap().counts().unwrap().documents, 4);
    }

    #[test]
    fn a_directory_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let e = Store::open(dir.path()).unwrap_err();
        assert!(e.to_string().contains("directory"), "{e}");
        assert!(e.to_string().contains(&dir.path().display().to_string()), "{e}");
    }

    /// Writes `PRAGMA user_version` through SQLite's file format: the 4-byte
    /// big-endian integer at offset 60 of the database header.
    fn set_user_version(path: &std::path::Path, v: u32) {
        let mut bytes = std::fs::read(path).unwrap();
        bytes[60..64].copy_from_slice(&v.to_be_bytes());
        std::fs::write(path, bytes).unwrap();
    }
}

mod search {
    use super::*;

    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store
            .insert_batch(&[
                rich("rich01"),
                plain(
                    "other1",
                    None,
                    "The Taliban AND the Haqqani network met \"quietly\" in 2020.",
                ),
            ])
            .unwrap();
        store
    }

    #[test]
    fn finds_words_and_marks_them() {
        let store = store();
        let hits = store.search("Khorasan", 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].doc, "rich01");
        assert_eq!(hits[0].title.as_deref(), Some("ISIS-K: a profile"));
        assert!(hits[0].snippet.contains("[Khorasan]"), "{}", hits[0].snippet);
        // Diacritics fold: Nangarhār is found as Nangarhar.
        assert_eq!(store.search("nangarhar", 10).unwrap().len(), 1);
        assert_eq!(store.search("Khora*", 10).unwrap().len(), 1);
        assert_eq!(store.search("haqqani taliban", 10).unwrap()[0].doc, "other1");
        assert!(store.search("haqqani khorasan", 10).unwrap().is_empty());
        assert_eq!(store.search("the", 1).unwrap().len(), 1);
    }

    #[test]
    fn punctuation_and_operators_never_error() {
        let store = store();
        assert_eq!(store.search("ISIS-K", 10).unwrap()[0].doc, "rich01");
        assert_eq!(store.search("AND", 10).unwrap()[0].doc, "other1");
        assert_eq!(store.search("\"quietly", 10).unwrap()[0].doc, "other1");
        for q in [
            "\"",
            "*",
            "AND",
            "OR",
            "NOT",
            "NEAR",
            "\"ISIS-K",
            "(",
            ")",
            "a:b",
            "^x",
            "-",
            "''",
            "title:x",
            "NEAR(a b)",
            "**",
            "* AND *",
            "",
            "   ",
            "ISIS-K\"*",
            "💥",
            "x; DROP TABLE documents",
        ] {
            let r = store.search(q, 10);
            assert!(r.is_ok(), "query {q:?}: {:?}", r.err());
        }
        assert_eq!(store.counts().unwrap().documents, 2);
    }
}

mod decisions {
    use super::*;

    #[test]
    fn are_recorded_in_order_and_survive_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        {
            let mut store = Store::open(&path).unwrap();
            let a = store.add_decision(DecisionKind::Merge, "ISIS-K", "ISKP").unwrap();
            let b = store.add_decision(DecisionKind::Split, "ISIS-K", "ISIS").unwrap();
            assert!(b > a);
        }
        let store = Store::open(&path).unwrap();
        let d = store.decisions().unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(
            (d[0].kind, d[0].a.as_str(), d[0].b.as_str()),
            (DecisionKind::Merge, "ISIS-K", "ISKP")
        );
        assert_eq!(d[1].kind, DecisionKind::Split);
        assert!(d[0].created_at.ends_with('Z'));
        assert!(d.iter().all(|d| d.in_force() && d.who.is_none()));
    }

    #[test]
    fn an_undo_keeps_the_decision_with_who_and_when() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        let id = {
            let mut store = Store::open(&path).unwrap();
            let id = store.add_decision_by(DecisionKind::Merge, "A", "B", Some("Ana")).unwrap();
            store.add_decision(DecisionKind::Split, "A", "C").unwrap();
            let d = store.undo_decision(id, Some("Bo")).unwrap().unwrap();
            assert!(!d.in_force());
            let u = d.undone.clone().unwrap();
            assert_eq!(u.by.as_deref(), Some("Bo"));
            assert!(u.at.ends_with('Z'));
            // A second undo keeps the first.
            let again = store.undo_decision(id, Some("Cy")).unwrap().unwrap();
            assert_eq!(again.undone, Some(u));
            assert!(store.undo_decision(999, None).unwrap().is_none());
            id
        };
        let d = Store::open(&path).unwrap().decisions().unwrap();
        assert_eq!(d.len(), 2, "the undone decision stays in the trail");
        assert_eq!((d[0].id, d[0].who.as_deref()), (id, Some("Ana")));
        assert!(!d[0].in_force() && d[1].in_force());
    }
}

mod scale {
    use super::*;

    /// 100,000 annotated documents in batches of 1,000, then a listing, a
    /// streaming pass and a search. Slow in debug builds: run with
    /// `cargo test -p dossier-store -- --ignored`.
    #[test]
    #[ignore]
    fn hundred_thousand_documents() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("big.db")).unwrap();
        let template = rich("template");
        let t = std::time::Instant::now();
        let mut total = dossier_store::BatchStats::default();
        for batch in 0..100 {
            let docs: Vec<Annotated> = (0..1000)
                .map(|i| {
                    let mut a = template.clone();
                    a.doc.id = format!("{:016x}", batch * 1000 + i);
                    a
                })
                .collect();
            total += store.insert_batch(&docs).unwrap();
        }
        let insert = t.elapsed();
        assert_eq!(total.inserted, 100_000);
        assert_eq!(total.claims, 800_000);
        let t = std::time::Instant::now();
        assert_eq!(store.documents().unwrap().len(), 100_000);
        let list = t.elapsed();
        let t = std::time::Instant::now();
        let mut n = 0;
        store
            .for_each_annotated(|a| {
                n += a.claims.len();
                Ok::<(), StoreError>(())
            })
            .unwrap();
        assert_eq!(n, 800_000);
        let stream = t.elapsed();
        let t = std::time::Instant::now();
        assert_eq!(store.search("Khorasan", 20).unwrap().len(), 20);
        let search = t.elapsed();
        eprintln!("insert {insert:?}, list {list:?}, stream {stream:?}, search {search:?}");
    }
}
