//! Every export format, written and parsed back.

use chrono::NaiveDate;

use crate::reconcile::{reconcile, Reconciled};
use crate::{
    Annotated, Claim, Document, EntityKind, Event, EventKind, Granularity, LocalEntity, Modality,
    Predicate, Quantity, Span, TimeInterval, Value, When,
};

const TEXT: &str = "The \"Northern & <Front>\" bombed Kabul airport, killing 88; officials said it has 1,000 fighters.";

fn ent(kind: EntityKind, name: &str, catalog: Option<&str>) -> LocalEntity {
    LocalEntity {
        kind,
        name: name.into(),
        aliases: Vec::new(),
        catalog_id: catalog.map(str::to_string),
        evidence: Vec::new(),
    }
}

fn doc(id: &str, outlet: &str, published: &str, killed: f64, fighters: f64) -> Annotated {
    let d = NaiveDate::parse_from_str("2021-08-26", "%Y-%m-%d").unwrap();
    Annotated {
        doc: Document {
            id: id.into(),
            source: Some(outlet.into()),
            published: NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
            url: Some(format!("https://example.org/{id}")),
            text: TEXT.into(),
            ..Document::default()
        },
        entities: vec![
            ent(EntityKind::Group, "Northern & <Front>", None),
            ent(EntityKind::Place, "Kabul airport", None),
            ent(EntityKind::Person, "Karim Osman Bey", None),
            ent(EntityKind::Place, "Kabul", Some("city:1138958")),
        ],
        claims: vec![
            Claim {
                subject: 0,
                predicate: Predicate::Strength,
                value: Value::Quantity {
                    quantity: Quantity::exact(fighters),
                    unit: Some("fighters".into()),
                },
                when: None,
                source: Some("officials".into()),
                modality: Modality::Reported,
                status: None,
                span: Span::new(0, TEXT.len()),
            },
            Claim {
                subject: 0,
                predicate: Predicate::Leader,
                value: Value::Entity(2),
                when: None,
                source: None,
                modality: Modality::Asserted,
                status: Some("current".into()),
                span: Span::new(0, 20),
            },
        ],
        events: vec![Event {
            kind: EventKind::SuicideBombing,
            when: Some(When {
                interval: Some(TimeInterval {
                    start: Some(d),
                    end: Some(d),
                    granularity: Granularity::Day,
                    value: None,
                }),
                text: "Thursday".into(),
            }),
            place: Some(1),
            perpetrators: vec![0],
            claimed: true,
            killed: Some(Quantity { low: Some(killed), high: None, approximate: false }),
            wounded: None,
            killed_or_wounded: None,
            perpetrators_killed: None,
            actor: None,
            denied_by: Vec::new(),
            victims: Vec::new(),
            spans: vec![Span::new(0, TEXT.len())],
        }],
        ..Annotated::default()
    }
}

fn corpus() -> (Vec<Annotated>, Reconciled) {
    let docs = vec![
        doc("aaaa0001", "Alpha Post", "2021-08-28", 103.0, 1000.0),
        doc("bbbb0001", "Beta Times", "2021-09-03", 183.0, 3000.0),
    ];
    let rec = reconcile(&docs);
    (docs, rec)
}

#[test]
fn csv_tables_parse_back() {
    let (docs, rec) = corpus();
    let mut buf = Vec::new();
    super::tables::write_claims(&super::source::InMemory::new(&docs, &rec), &mut buf).unwrap();
    let mut r = csv::Reader::from_reader(buf.as_slice());
    assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), super::tables::CLAIM_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    let strength: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[6] == "strength").collect();
    assert_eq!(strength.len(), 2);
    assert_eq!(&strength[0][8], "1000");
    assert_eq!(&strength[0][22], "conflict");
    assert_eq!(&strength[0][25], TEXT, "quotes survive CSV quoting");
    let mut buf = Vec::new();
    super::tables::write_events(&super::source::InMemory::new(&docs, &rec), &mut buf).unwrap();
    let mut r = csv::Reader::from_reader(buf.as_slice());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "both reports are one event");
    assert_eq!(&rows[0][1], "suicide_bombing");
    assert_eq!(&rows[0][2], "2021-08-26");
    assert_eq!(&rows[0][16], "103");
    assert_eq!(&rows[0][18], "2");
}

#[test]
fn acled_rows_follow_the_layout_and_the_lowest_estimate() {
    let (docs, rec) = corpus();
    let mut buf = Vec::new();
    super::acled::write_acled(&docs, &rec, &mut buf).unwrap();
    let mut r = csv::Reader::from_reader(buf.as_slice());
    assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), super::acled::ACLED_COLUMNS);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    let col =
        |name: &str| &row[super::acled::ACLED_COLUMNS.iter().position(|c| *c == name).unwrap()];
    assert_eq!(col("event_date"), "2021-08-26");
    assert_eq!(col("year"), "2021");
    assert_eq!(col("time_precision"), "1");
    assert_eq!(col("event_type"), "Explosions/Remote violence");
    assert_eq!(col("sub_event_type"), "Suicide bomb");
    assert_eq!(col("actor1"), "Northern & <Front>");
    assert_eq!(col("fatalities"), "103", "the lowest credible estimate");
    assert_eq!(col("source"), "Alpha Post; Beta Times");
    assert!(col("notes").contains("Alpha Post") && col("notes").contains("killed ≥183"));
}

#[test]
fn ftm_entities_are_valid_json_with_resolvable_references() {
    let (docs, rec) = corpus();
    let records = super::ftm::ftm_records(&docs, &rec);
    let lines: Vec<serde_json::Value> = records
        .iter()
        .map(|r| serde_json::from_str(&serde_json::to_string(r).unwrap()).unwrap())
        .collect();
    let ids: std::collections::HashSet<&str> =
        lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), lines.len(), "ids are unique");
    let schema = |s: &str| lines.iter().filter(|l| l["schema"] == s).collect::<Vec<_>>();
    let org = schema("Organization");
    assert_eq!(org.len(), 1);
    assert_eq!(org[0]["properties"]["topics"][0], "crime.terror");
    assert_eq!(schema("Person").len(), 1);
    let ev = schema("Event");
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0]["properties"]["startDate"][0], "2021-08-26");
    let m = schema("Membership");
    assert_eq!(m.len(), 1);
    for l in &lines {
        for (k, v) in l["properties"].as_object().unwrap() {
            assert!(v.is_array(), "{k} is a list");
            if ["organizer", "addressEntity", "member", "organization", "subject", "object"]
                .contains(&k.as_str())
            {
                for r in v.as_array().unwrap() {
                    assert!(ids.contains(r.as_str().unwrap()), "{k} -> {r} resolves");
                }
            }
        }
    }
}

#[test]
fn graphml_parses_and_escapes() {
    let (docs, rec) = corpus();
    let mut buf = Vec::new();
    super::graphml::write_graphml(&docs, &rec, &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    let xml = roxmltree::Document::parse(&text).unwrap();
    let nodes: Vec<_> = xml.descendants().filter(|n| n.has_tag_name("node")).collect();
    let edges: Vec<_> = xml.descendants().filter(|n| n.has_tag_name("edge")).collect();
    let data = |n: &roxmltree::Node, key: &str| {
        n.children()
            .find(|c| c.has_tag_name("data") && c.attribute("key") == Some(key))
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    assert!(nodes.iter().any(|n| data(n, "label").as_deref() == Some("Northern & <Front>")));
    let ids: Vec<&str> = nodes.iter().map(|n| n.attribute("id").unwrap()).collect();
    for e in &edges {
        assert!(ids.contains(&e.attribute("source").unwrap()));
        assert!(ids.contains(&e.attribute("target").unwrap()));
    }
    let leader = edges.iter().find(|e| data(e, "predicate").as_deref() == Some("leader")).unwrap();
    assert_eq!(data(leader, "weight").as_deref(), Some("2"));
    assert!(edges.iter().any(|e| data(e, "predicate").as_deref() == Some("perpetrated")));
}

/// Issue 15: a paged document's record lists its author and where its pages
/// begin, and its claims and mentions name their page; a document without
/// pages keeps exactly the fields it had.
#[test]
fn jsonl_records_of_a_pdf_carry_pages() {
    let (mut docs, _) = corpus();
    let second_page = TEXT.find("officials said").unwrap();
    docs[0].doc.author = Some("Alpha Desk".into());
    docs[0].doc.pages = vec![0, second_page];
    let kabul = TEXT.find("Kabul").unwrap();
    let mention = |start: usize, len: usize| crate::Mention {
        span: Span::new(start, start + len),
        kind: crate::MentionKind::Entity,
        entity: Some(3),
        value: None,
    };
    docs[0].mentions = vec![mention(kabul, 5), mention(second_page, 9)];
    let rec = reconcile(&docs);
    let records = super::records(&docs, &rec, super::ExportOptions::default());
    let document = |id: &str| {
        records.iter().find(|r| r["type"] == "document" && r["id"] == id).unwrap().clone()
    };
    let pdf = document("aaaa0001");
    assert_eq!(pdf["author"], "Alpha Desk");
    assert_eq!(pdf["pages"], serde_json::json!([0, second_page]));
    let plain = document("bbbb0001");
    let keys: Vec<&str> = plain.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["id", "path", "published", "source", "title", "type", "url"]);
    let claims: Vec<_> = records.iter().filter(|r| r["type"] == "claim").collect();
    assert!(!claims.is_empty());
    for c in claims {
        let start = c["span"][0].as_u64().unwrap() as usize;
        if c["doc"] == "aaaa0001" {
            assert_eq!(c["page"], if start >= second_page { 2 } else { 1 }, "{c}");
        } else {
            assert!(c.get("page").is_none(), "{c}");
        }
    }
    let pages: Vec<_> = records
        .iter()
        .filter(|r| r["type"] == "mention" && r["doc"] == "aaaa0001")
        .map(|r| r["page"].as_u64().unwrap())
        .collect();
    assert_eq!(pages, [1, 2]);
}
