//! Documents the store tests share.
#![allow(dead_code)]

use chrono::NaiveDate;
use dossier_core::{
    Annotated, Claim, Document, EntityKind, Event, EventKind, Granularity, LocalEntity, Mention,
    MentionKind, Modality, Predicate, Quantity, Span, TimeInterval, Value, Victims, When,
};

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A document with no annotations.
pub fn plain(id: &str, published: Option<NaiveDate>, text: &str) -> Annotated {
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
pub fn rich(id: &str) -> Annotated {
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
            author: Some("Kabul Desk".into()),
            pages: vec![0, sentence2.start()],
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
                actor: None,
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
                actor: None,
                denied_by: vec![],
                victims: vec![],
                spans: vec![],
            },
        ],
    }
}
