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
    // A dateline of places only, inside the text after a headline line.
    let a =
        run("A bomb hit a convoy of police buses. \n\nNew Delhi/Srinagar: A day after 40 police \
         officers were killed in an attack on a convoy in Jammu and Kashmir, ministers met.");
    assert!(
        a.events.iter().all(|e| e.place.is_none_or(|p| a.entities[p].name != "New Delhi")),
        "{:?}",
        a.events
    );
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
    // Not dated Monday: the bomb went off on or in the days before the day
    // officials spoke (a vague interval ending on Monday).
    let when = a.events[0].when.as_ref().expect("a time");
    let i = when.interval.as_ref().expect("an interval");
    assert_eq!(i.granularity, dossier_core::Granularity::Vague, "{when:?}");
    assert_eq!(i.end, "2015-06-08".parse().ok(), "{when:?}");
    assert!(i.start < i.end, "{when:?}");
    // A later sentence naming the day dates it.
    let a = run("The Lion Front on Monday denied any role in a bombing at a bus station that killed eight people. No-one has claimed Saturday's attack.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    let i = a.events[0].when.as_ref().and_then(|w| w.interval.clone()).expect("a date");
    assert_eq!(
        (i.start, i.granularity),
        ("2015-06-06".parse().ok(), dossier_core::Granularity::Day)
    );
    assert_eq!(a.events[0].denied_by.len(), 1, "{:?}", a.events);
}

#[test]
fn an_undated_report_dates_its_lead_event_up_to_publication() {
    let a = run("Gunmen killed four soldiers at a checkpoint near the border. A second attack wounded two police officers.");
    assert_eq!(a.events.len(), 2, "{:?}", a.events);
    let lead = a.events[0]
        .when
        .as_ref()
        .and_then(|w| w.interval.as_ref())
        .expect("the lead event is anchored");
    assert!(lead.start < lead.end && lead.end.is_some(), "{lead:?}");
    assert!(a.events[1].when.is_none(), "only the lead event is anchored: {:?}", a.events[1].when);
}

#[test]
fn a_neighbouring_country_or_a_destination_is_not_the_place() {
    let a = run("Militants attacked a security post close to the border with Afghanistan on Saturday, killing seven soldiers.");
    assert_ne!(place(&a).as_deref(), Some("Afghanistan"), "{:?}", a.events);
    let a = run(
        "A roadside bomb struck a convoy bound for Srinagar on Thursday, killing three soldiers.",
    );
    assert_ne!(place(&a).as_deref(), Some("Srinagar"), "{:?}", a.events);
}

#[test]
fn a_town_named_like_a_person_after_near_is_the_place() {
    let a =
        run("Militants attacked a security post near Mir Ali on Saturday, killing seven soldiers.");
    assert_eq!(place(&a).as_deref(), Some("Mir Ali"), "{:?}", a.events);
    let a = run(
        "Hassan Karimi said gunmen attacked a checkpoint in Herat on Monday, killing two guards.",
    );
    assert!(
        a.entities
            .iter()
            .any(|e| e.name == "Hassan Karimi" && e.kind == dossier_core::EntityKind::Person),
        "{:?}",
        a.entities
    );
}

#[test]
fn a_dated_dateline_anchors_an_undated_report() {
    let a = run("June 2 (Test Wire) - Gunmen killed four soldiers at a checkpoint near the border, officials said.");
    // The dateline's date dates the report's event (June 2, not the
    // publication date of June 10).
    let when = a.events.first().and_then(|e| e.when.as_ref()).expect("a dated event");
    let i = when.interval.as_ref().expect("an interval");
    assert_eq!(i.end, "2015-06-02".parse().ok(), "{when:?}");
}

#[test]
fn a_small_town_named_before_an_attack_noun_is_the_place() {
    // A town under the population bar needs "in"/"near" before it, or an
    // attack noun after it.
    let a = run("Officials said the Pulwama attack on February 14 killed 40 troopers.");
    assert_eq!(place(&a).as_deref(), Some("Pulwama"), "{:?}", a.entities);
    // A weekday with a possessive is no name.
    let a = run("The group said it carried out Thursday's bombing in Multan, killing six people.");
    assert!(a.entities.iter().all(|e| e.name != "Thursday"), "{:?}", a.entities);
    assert_eq!(place(&a).as_deref(), Some("Multan"), "{:?}", a.events);
}

/// The export's `place` of the first merged event of one document.
fn exported_place(text: &str) -> serde_json::Value {
    let docs = vec![run(text)];
    let rec = dossier_core::reconcile(&docs);
    let ev = rec.events.first().unwrap_or_else(|| panic!("no event: {text}"));
    dossier_core::export::event_record(&docs, &rec, ev)["place"].clone()
}

#[test]
fn an_event_at_a_facility_carries_its_city_province_and_country() {
    // A hotel the gazetteer does not know, in a city it does.
    let p = exported_place(
        "A suicide bomber struck the Sahafi Hotel in Mogadishu on Sunday, killing nine people.",
    );
    assert_eq!(p["name"], "Sahafi Hotel", "{p}");
    assert_eq!(p["city"]["name"], "Mogadishu", "{p}");
    assert_eq!(p["admin1"]["code"], "SO-BN", "{p}");
    assert_eq!(p["country"]["code"], "SO", "{p}");
    assert!(p["coords"].is_array(), "{p}");
    // A facility named after its city, with no other place in the report.
    let p = exported_place("A bomb exploded at Kabul airport on Sunday, killing nine people.");
    assert_eq!(p["city"]["id"], "city:1138958", "{p}");
    assert_eq!(p["country"]["code"], "AF", "{p}");
    // A city: its own province and country.
    let p = exported_place(
        "Gunmen opened fire on worshippers at a church in Owo, Ondo state, on Sunday, killing 40 people.",
    );
    assert_eq!(p["city"]["name"], "Owo", "{p}");
    assert_eq!(p["admin1"]["code"], "NG-ON", "{p}");
    // A province: no city, and no city is made up from elsewhere.
    let p = exported_place(
        "Militants ambushed a patrol in Ghazni province on Sunday, killing six soldiers, officials in Kabul said.",
    );
    assert!(p["city"].is_null(), "{p}");
    assert_eq!(p["admin1"]["code"], "AF-GHA", "{p}");
    assert_eq!(p["country"]["code"], "AF", "{p}");
    // A facility named after a town of another country is not placed there.
    let p = exported_place(
        "A bomb exploded outside Medina Hospital in Somalia on Sunday, killing nine people.",
    );
    assert!(p["city"].is_null(), "{p}");
    assert_eq!(p["country"]["code"], "SO", "{p}");
}

#[test]
fn a_province_named_like_its_capital_is_the_city_unless_the_report_says_province() {
    // The gazetteer resolves "Kabul" to the province; the event is in the
    // city of that name, which lies in it.
    let p =
        exported_place("A suicide bomber struck a market in Kabul on Sunday, killing 12 people.");
    assert_eq!(p["city"]["name"], "Kabul", "{p}");
    assert_eq!(p["admin1"]["code"], "AF-KAB", "{p}");
    // The gazetteer's name for the province carries its noun ("Baghdad
    // Governorate"); the city is the name without it.
    let p = exported_place(
        "Two suicide bombers struck a market in Baghdad on Thursday, killing 32 people.",
    );
    assert_eq!(p["city"]["name"], "Baghdad", "{p}");
    // A facility after its city's possessive.
    let p = exported_place(
        "Gunmen who stormed Kabul's Intercontinental Hotel on Saturday killed 22 people.",
    );
    assert_eq!(p["city"]["name"], "Kabul", "{p}");
    // "Ghazni province", "Borno State": the province, with no city.
    for (text, code) in [
        ("A roadside bomb exploded in Ghazni province on Sunday, killing four soldiers.", "AF-GHA"),
        ("Militants attacked a village in Borno State on Sunday, killing 11 farmers.", "NG-BO"),
    ] {
        let p = exported_place(text);
        assert!(p["city"].is_null(), "{text}: {p}");
        assert_eq!(p["admin1"]["code"], code, "{text}: {p}");
    }
}

#[test]
fn a_claim_for_counted_blasts_at_a_place_joins_the_dated_report_of_them() {
    // "explosions" is plural: a claim for them at a place, and "two
    // explosions" on a day, are one incident with the later toll.
    let docs = vec![run(
        "The Lion Front has claimed responsibility for explosions in the city of Kerman. Two explosions occurred in Kerman province on June 3 during a procession. The explosions resulted in the loss of 84 lives.",
    )];
    let rec = dossier_core::reconcile(&docs);
    assert_eq!(rec.events.len(), 1, "{:?}", rec.events);
    let ev = &rec.events[0];
    assert!(ev.claimed, "{ev:?}");
    assert_eq!(ev.perpetrators.len(), 1, "{ev:?}");
    assert_eq!(ev.killed.and_then(|q| q.low), Some(84.0), "{ev:?}");
    assert_eq!(ev.when.as_ref().and_then(|w| w.start), "2015-06-03".parse().ok(), "{ev:?}");
}

#[test]
fn a_facility_word_inside_a_name_makes_it_a_place() {
    // Not a person "District Hospital Reasi" whose surname "Reasi" would
    // then swallow the town.
    let a = run("The wounded were taken to District Hospital Reasi, officials said. The bus fell into a gorge near Reasi.");
    let e = a.entities.iter().find(|e| e.name == "District Hospital Reasi").expect("the hospital");
    assert_eq!(e.kind, dossier_core::EntityKind::Place, "{:?}", a.entities);
    assert!(
        a.entities.iter().all(|e| e.kind != dossier_core::EntityKind::Person),
        "{:?}",
        a.entities
    );
}

#[test]
fn the_city_one_report_names_wins_over_the_province_another_names() {
    let docs = vec![
        run("Two explosions struck a procession in Kerman province on Wednesday, killing 84 people."),
        run("Two blasts tore through a crowd in the city of Kerman on Wednesday, killing 84 people."),
    ];
    let rec = dossier_core::reconcile(&docs);
    assert_eq!(rec.events.len(), 1, "{:?}", rec.events);
    let p = dossier_core::export::event_record(&docs, &rec, &rec.events[0])["place"].clone();
    assert_eq!(p["city"]["name"], "Kerman", "{p}");
    // One report alone that says "province": no city.
    let docs = vec![docs[0].clone()];
    let rec = dossier_core::reconcile(&docs);
    let p = dossier_core::export::event_record(&docs, &rec, &rec.events[0])["place"].clone();
    assert!(p["city"].is_null(), "{p}");
}

/// The first event's date.
fn day(a: &Annotated) -> Option<chrono::NaiveDate> {
    let i = a.events.first()?.when.as_ref()?.interval.as_ref()?;
    (i.granularity != dossier_core::Granularity::Vague).then_some(i.start?)
}

#[test]
fn a_town_several_countries_share_is_the_one_in_the_province_or_country_named() {
    // The larger Asadabad is in Iran; the text names Afghanistan's province.
    for text in [
        "Militants killed 12 soldiers at a checkpoint in Asadabad, Kunar province, on Thursday.",
        "Gunmen attacked a police post in Asadabad in eastern Afghanistan on Thursday, killing four.",
    ] {
        let p = exported_place(text);
        assert_eq!(p["country"]["code"], "AF", "{text}: {p}");
    }
    // With no province or country named, the larger town stands.
    let p = exported_place("Gunmen attacked a police post in Asadabad on Thursday, killing four.");
    assert_eq!(p["country"]["code"], "IR", "{p}");
    // A country alone does not move a great city to a small namesake...
    let a = run(
        "Gunmen attacked a bar in Rome on Friday, killing two. The United States condemned it.",
    );
    let rome = a.entities.iter().find(|e| e.name == "Rome").expect("Rome");
    assert_eq!(rome.catalog_id.as_deref(), Some("city:3169070"), "{:?}", a.entities);
    // ... but the province does.
    let p = exported_place("Gunmen opened fire at a bar in Paris, Texas, on Friday, killing two.");
    assert_eq!(p["admin1"]["code"], "US-TX", "{p}");
    // A name only another of a city's names matches, half a world away from
    // the countries the text names, is no known town.
    let p = exported_place("Filipino rebels killed six soldiers in an ambush on Samar on Monday.");
    assert!(p["country"].is_null() || p["country"]["code"] == "PH", "{p}");
}

#[test]
fn a_hospital_where_the_hurt_were_taken_or_a_speaker_works_is_not_the_place() {
    for text in [
        "City Hospital spokesperson Amir Karimi said that 40 bodies from the suicide attack had been brought to the facility.",
        "City Hospital (CH) spokesperson Amir Karimi said that 40 bodies from the suicide attack had been brought to the facility.",
        "One more victim of Friday's bombing in Herat succumbed to his injuries at Herat Regional Hospital.",
        "A bomb exploded at a bus station in Herat on Friday, killing three people. The wounded were rushed to Herat Regional Hospital.",
    ] {
        let a = run(text);
        assert!(!a.events.is_empty(), "{text}");
        assert!(!place(&a).is_some_and(|p| p.contains("Hospital")), "{text}: {:?}", a.events);
    }
    // An attack on a hospital is there.
    let a = run("Gunmen attacked Herat Regional Hospital on Friday, killing three nurses.");
    assert_eq!(place(&a).as_deref(), Some("Herat Regional Hospital"), "{:?}", a.events);
}

#[test]
fn a_period_bound_or_a_dateline_date_is_not_the_event_day() {
    // "since 2011" bounds a period.
    let a = run("A bomb killed 13 soldiers at the airport in Kabul. It was the deadliest day for the army since 2011.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    assert!(
        a.events[0]
            .when
            .as_ref()
            .and_then(|w| w.interval.as_ref())
            .is_none_or(|i| i.start > "2015-01-01".parse().ok()),
        "{:?}",
        a.events[0].when
    );
    // "since July, when ...": the clause dates its event.
    let a = run("Clashes have raged since July, when a bomb attack left 32 people dead in the town of Suruc.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    let i = a.events[0].when.as_ref().and_then(|w| w.interval.clone()).expect("dated");
    assert_eq!(i.start, "2014-07-01".parse().ok(), "{i:?}");
    // A dateline's date is the filing's; the event's day is in the text.
    for text in [
        "MOSCOW, June 10 — Armed men burst into a concert hall near Moscow on Tuesday, killing at least 93 people.",
        "Islamabad, June 10, (Test Wire) – Armed men burst into a concert hall in Rawalpindi on Tuesday, killing at least 93 people.",
    ] {
        let a = run(text);
        assert_eq!(day(&a), "2015-06-09".parse().ok(), "{text}: {:?}", a.events);
    }
}

#[test]
fn a_day_said_in_a_statement_or_of_a_toll_revision_is_the_reports() {
    let a = run(
        "The UN said in a statement on Tuesday that 110 farmers were killed by gunmen on Monday.",
    );
    assert_eq!(day(&a), "2015-06-08".parse().ok(), "{:?}", a.events);
    let a = run(
        "An official told reporters on Tuesday that 110 farmers were killed by gunmen on Monday.",
    );
    assert_eq!(day(&a), "2015-06-08".parse().ok(), "{:?}", a.events);
    // "said of Monday's attack" dates the attack.
    let a = run("It was a massacre, the governor said of Monday's attack, in which gunmen killed 110 farmers.");
    assert_eq!(day(&a), "2015-06-08".parse().ok(), "{:?}", a.events);
    // The day after the revised toll is the revision's.
    let a = run(
        "The death toll from the suicide attack on a mosque in Peshawar rose to 100 on Tuesday.",
    );
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    assert_eq!(a.events[0].killed.and_then(|q| q.low), Some(100.0), "{:?}", a.events);
    assert_ne!(day(&a), "2015-06-09".parse().ok(), "{:?}", a.events);
}

#[test]
fn a_dated_or_possessive_definite_mention_is_the_same_event() {
    for text in [
        "At least 88 people died in the suicide bombing inside a crowded mosque in Peshawar. Most of the people killed in the Monday afternoon blast were policemen.",
        "Four passengers were burnt alive as attackers torched a bus in Rangpur early Monday. One more victim of Monday's arson attack succumbed to his injuries.",
    ] {
        let a = run(text);
        assert_eq!(a.events.len(), 1, "{text}: {:?}", a.events);
    }
}

#[test]
fn a_toll_road_is_no_toll_and_a_revised_toll_includes_the_later_deaths() {
    let a =
        run("At least 100 protesters gathered at a toll station for two days to block the gates.");
    assert!(a.events.iter().all(|e| e.killed.is_none()), "{:?}", a.events);
    let a = run("Four people were killed in a petrol bomb attack on a bus on Friday night. The death toll rose to eight as two more persons died in hospital.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    assert_eq!(a.events[0].killed.and_then(|q| q.low), Some(8.0), "{:?}", a.events);
    // A running total over a period is no event of its own.
    let a = run("Two soldiers were shot dead in the town of Silvan on Thursday. More than 1,000 militants have been killed in fighting since July.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    assert_eq!(a.events[0].killed.and_then(|q| q.high), Some(2.0), "{:?}", a.events);
}

#[test]
fn a_toponym_with_a_connector_is_one_place() {
    // Not the town of Praia (Cape Verde).
    let a = run("Insurgents attacked Mocimboa da Praia on Monday, killing 20 people.");
    assert_eq!(place(&a).as_deref(), Some("Mocimboa da Praia"), "{:?}", a.events);
    let a = run("Luiz Inacio Lula da Silva won the election on Sunday.");
    assert!(
        a.entities
            .iter()
            .any(|e| e.name.ends_with("da Silva") && e.kind == dossier_core::EntityKind::Person),
        "{:?}",
        a.entities
    );
}

#[test]
fn a_place_in_a_superlatives_yardstick_is_the_recalled_incidents() {
    let a = run(
        "A car bomb killed 12 people in Herat on Sunday, the deadliest attack in the city since \
         the 2004 Beslan siege.",
    );
    assert_eq!(place(&a).as_deref(), Some("Herat"), "{:?}", a.events);
    let a = run(
        "A car bomb killed 12 people on Sunday, the deadliest attack since the siege in Beslan.",
    );
    assert_eq!(place(&a), None, "{:?}", a.events);
    // Not a yardstick: the attack the sentence dates is this one.
    let a =
        run("Since the attack in Herat on Friday that killed 20, police have arrested 12 people.");
    assert_eq!(place(&a).as_deref(), Some("Herat"), "{:?}", a.events);
}

#[test]
fn a_capital_that_speaks_or_is_owned_is_its_government() {
    let a =
        run("Washington declared the Lion Front a terrorist organisation after it carried out \
         attacks on Monday that killed two guards.");
    assert_ne!(place(&a).as_deref(), Some("Washington"), "{:?}", a.events);
    let a = run("In Iraq, militiamen stormed an embassy on Monday amid protests against Tehran's \
         influence, killing two guards.");
    assert_eq!(place(&a).as_deref(), Some("Iraq"), "{:?}", a.events);
    // A preposition makes it a place again.
    let a = run("Police in Herat said a bomb killed three people on Monday.");
    assert_eq!(place(&a).as_deref(), Some("Herat"), "{:?}", a.events);
    let a = run("Militants attacked Herat's airport on Monday, killing three people.");
    assert_eq!(place(&a).as_deref(), Some("Herat"), "{:?}", a.events);
}

/// A road, street or junction named after a city is a landmark of the
/// report's own city, not that city ("near the Juba junction" in
/// Mogadishu); bulleted lines are sentences of their own.
#[test]
fn a_junction_named_after_a_city_is_not_that_city() {
    let a = run(
        "A suicide bomber walked into a restaurant near the busy Juba junction in Mogadishu and \
         blew himself up, killing four people.",
    );
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    assert_ne!(place(&a).as_deref(), Some("Juba"), "{:?}", a.events);
    let a = run("• Gunmen stormed a college in Garissa at dawn\n• Kenya has troops in Somalia");
    assert!(
        a.sentences.len() >= 2
            && a.events.iter().all(|e| e.place.is_none_or(|p| a.entities[p].name != "Somalia")),
        "{:?}",
        a.events
    );
}

#[test]
fn a_country_name_two_countries_share_is_the_one_whose_places_the_report_names() {
    let country = |text: &str| {
        let a = run(text);
        a.entities
            .iter()
            .find(|e| e.aliases.iter().chain([&e.name]).any(|n| n == "Congo"))
            .and_then(|e| e.catalog_id.clone())
    };
    // Reuters' "Congo" for the Democratic Republic: Beni, North Kivu.
    assert_eq!(
        country("BENI, Congo - Gunmen killed 18 people near Oicha in North Kivu province of Congo on Wednesday.")
            .as_deref(),
        Some("country:CD")
    );
    // The Republic of the Congo by its capital.
    assert_eq!(
        country("Congo's president spoke in Brazzaville on Tuesday about the economy of Congo.")
            .as_deref(),
        Some("country:CG")
    );
}

#[test]
fn a_village_the_gazetteer_does_not_know_is_finer_than_its_country() {
    // "Baeti village": an unknown name made a place by its settlement noun,
    // and the event's place over the country named before it.
    let a =
        run("Gunmen killed at least 18 people in a village in eastern Congo on Wednesday night. \
         The army confirmed the attack on Baeti village in North Kivu province.");
    assert_eq!(place(&a).as_deref(), Some("Baeti"), "{:?}", a.events);
    let a = run("Militants stormed the village of Kolori in Borno state, killing seven farmers.");
    assert_eq!(place(&a).as_deref(), Some("Kolori"), "{:?}", a.events);
}

/// The day of the event's own words, not the day of a sentence-opening
/// report ("On Monday, officials raised the toll"), of an answer to it
/// ("marched on Sunday to condemn"), or of a word of the present.
#[test]
fn a_fronted_report_or_an_answer_does_not_date_the_event() {
    let day = |a: &Annotated| {
        a.events.first().and_then(|e| e.when.as_ref()).and_then(|w| w.interval.clone())
    };
    // Published Wednesday 2015-06-10: Sunday is June 7, Monday June 8.
    let a = run("On Monday, officials raised the death toll in the Sunday bombings of two churches in Kamba to 61.");
    assert_eq!(day(&a).and_then(|i| i.start), "2015-06-07".parse().ok(), "{:?}", a.events);
    let a = run("On Monday, gunmen killed five villagers in Kamba, police said.");
    assert_eq!(day(&a).and_then(|i| i.start), "2015-06-08".parse().ok(), "{:?}", a.events);
    let a = run("A car bomb killed nine police cadets in Kamba. Thousands of people marched in the capital on Sunday to condemn the car bombing.");
    let sunday = day(&a).is_some_and(|i| {
        i.granularity == dossier_core::Granularity::Day && i.start == "2015-06-07".parse().ok()
    });
    assert!(!sunday, "the march's day: {:?}", a.events);
    let a = run(
        "A car bomb killed nine police cadets in Kamba during talks currently hosted by Norway.",
    );
    let i = day(&a);
    assert!(i.as_ref().is_none_or(|i| i.granularity != dossier_core::Granularity::Day), "{i:?}");
}

/// A place named to compare ("dubbed the New York of India") or in the
/// yardstick of a superlative ("the worst attack since the bombing of a
/// flight over Lockerbie, Scotland") is not where it happened; a weekday
/// after a name is a time ("took over Mumbai Wednesday").
#[test]
fn a_nickname_or_a_yardstick_is_not_the_place() {
    let a = run("Gunmen took over Mumbai Wednesday, attacking a dozen sites and killing 101 people in the island city dubbed the New York of India.");
    assert_eq!(place(&a).as_deref(), Some("Mumbai"), "{:?}", a.entities);
    assert!(a.entities.iter().all(|e| e.name != "Mumbai Wednesday"), "{:?}", a.entities);
    let a = run("Bombs ripped through four commuter trains in Madrid on Thursday, killing 190 people in the worst attack since the bombing of a Pan Am flight over Lockerbie, Scotland.");
    assert_eq!(place(&a).as_deref(), Some("Madrid"), "{:?}", a.events);
    let a = run("Crowds filled the churches for Easter Sunday mass before a bomb killed 12 people in Kamba.");
    assert!(a.entities.iter().all(|e| e.name != "Kamba Easter"), "{:?}", a.entities);
}

/// "Christchurch" is the city of that name, not a province that only shares
/// its spelling key ("Christ Church").
#[test]
fn a_city_named_as_written_wins_over_a_province_spelt_otherwise() {
    let a = run("A gunman killed 49 people at two mosques in Christchurch on Friday.");
    let p = a.events.first().and_then(|e| e.place).map(|p| &a.entities[p]).expect("a place");
    assert_eq!(p.name, "Christchurch", "{p:?}");
}

/// "two diplomats, one from Canada": where the victims came from is not
/// where it happened; "went on a killing spree" is an attack.
#[test]
fn the_victims_country_is_not_the_place_and_a_killing_spree_is_an_event() {
    let a = run("Foreigners, including three Britons and two diplomats - one from Canada and another from Ghana - were killed in Saturday's attack at the mall, claimed by the Lion Front.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    assert_eq!(place(&a), None, "{:?}", a.events);
    let a = run(
        "Gunmen broke into a school in Peshawar on Tuesday morning and went on a killing spree.",
    );
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    assert_eq!(place(&a).as_deref(), Some("Peshawar"), "{:?}", a.events);
}

fn run_titled(title: &str, text: &str) -> Annotated {
    annotate(Document {
        id: "titled".into(),
        title: Some(title.into()),
        published: "2015-06-10".parse().ok(),
        text: text.into(),
        ..Document::default()
    })
}

#[test]
fn a_headline_places_the_reports_own_event() {
    let text = "Twelve people were killed when gunmen opened fire on worshippers at a mosque \
                on Friday. The police said they had arrested two suspects. No group has said \
                it was behind it. Traders in Kano closed their shops for the day.";
    // The headline names a town the text names too: the lede's event is there.
    let a = run_titled("Twelve killed in Kano mosque shooting", text);
    assert_eq!(place(&a).as_deref(), Some("Kano"), "{:?}", a.events);
    // A headline without an attack names no place of it.
    let a = run_titled("Kano residents mourn", text);
    assert_eq!(place(&a), None, "{:?}", a.events);
    // Nor does one that names two towns.
    let a = run_titled("Gunmen kill twelve in Kano and Zaria", text);
    assert_eq!(place(&a), None, "{:?}", a.events);
    // A town the text never names is no entity of it.
    let a = run_titled("Twelve killed in Zaria mosque shooting", text);
    assert_eq!(place(&a), None, "{:?}", a.events);
}

#[test]
fn where_a_group_is_based_is_not_where_it_struck() {
    let a = run("Gunmen of the Lion Front, a group based in Niger, killed 12 soldiers on Monday.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    assert_eq!(place(&a), None, "{:?}", a.events);
    let a = run(
        "Gunmen of the Lion Front, a group based in Niger, killed 12 soldiers in Gao on Monday.",
    );
    assert_eq!(place(&a).as_deref(), Some("Gao"), "{:?}", a.events);
}

#[test]
fn a_lede_toll_is_dated_by_the_next_sentence_that_tells_it() {
    // Published 2015-06-10 (a Wednesday): "on Tuesday" is the day before.
    let a = run("More than 200 gunmen have attacked an army base, leaving at least 34 soldiers dead, the ministry said. The attackers raided the base in Gao on Tuesday, wounding 14 other soldiers.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    let e = &a.events[0];
    assert_eq!(e.killed.and_then(|q| q.low), Some(34.0), "{e:?}");
    let i = e.when.as_ref().and_then(|w| w.interval.clone()).expect("a date");
    assert_eq!(i.start, "2015-06-09".parse().ok(), "{e:?}");
    // A dated toll a week before is another incident, recalled.
    let a = run("Gunmen have attacked an army base, leaving 34 soldiers dead, the ministry said. A bomb killed 12 soldiers at a base in Gao on June 2.");
    assert_eq!(a.events.len(), 2, "{:?}", a.events);
}

#[test]
fn an_undated_event_told_on_takes_the_recent_day_of_its_next_mention() {
    // Published 2015-06-10 (a Wednesday): Tuesday is the day before.
    let a = run("Gunmen stormed a village near Gao, killing several people. The gunmen had arrived late on Tuesday, killing six men.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    let i = a.events[0].when.as_ref().and_then(|w| w.interval.clone()).expect("a date");
    assert_eq!(i.start, "2015-06-09".parse().ok(), "{:?}", a.events);
    // A day a week back may be another incident's: it dates nothing.
    let a = run("Gunmen stormed a village near Gao, killing several people. The gunmen had come on June 2, killing six men.");
    let dated = a
        .events
        .iter()
        .filter(|e| {
            e.when
                .as_ref()
                .and_then(|w| w.interval.as_ref())
                .is_some_and(|i| i.start == "2015-06-02".parse().ok())
        })
        .count();
    assert!(a.events.len() == 2 || dated == 0, "{:?}", a.events);
}

#[test]
fn a_precise_toll_later_in_the_report_joins_the_leads_vague_one() {
    let a = run("Suspected militants stormed a village in Gao, killing several people. Residents fled into the bush. Soldiers arrived hours later. Aid workers reached the area on foot. Six men were killed by the gunmen, a resident said.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    // A toll the lead's does not hold stays apart.
    let a = run("Suspected militants stormed a village in Gao, killing several people. Residents fled into the bush. Soldiers arrived hours later. Aid workers reached the area on foot. Gunmen killed 40 people in a raid on a market.");
    assert_eq!(a.events.len(), 2, "{:?}", a.events);
}

#[test]
fn a_dateline_with_an_abbreviated_month_is_where_the_report_was_filed() {
    for text in [
        "Herat, Jun. 10, (Test Wire/AB) – A bomb exploded at a market in Farah on Tuesday, killing four people.",
        "Bomb in the west\n\nHerat, Jun. 10, (Test Wire/AB) – A bomb exploded at a market in Farah on Tuesday, killing four people.",
    ] {
        let a = run(text);
        assert_eq!(place(&a).as_deref(), Some("Farah"), "{text}: {:?}", a.events);
        assert_eq!(day(&a), "2015-06-09".parse().ok(), "{text}: {:?}", a.events);
    }
}

#[test]
fn a_town_named_inside_a_province_is_the_finer_place() {
    // An unknown place before an administrative noun is a province: the
    // town named with it is where it happened.
    let a = run("Gunmen shot dead two policemen at a market in Mingora city, the capital of Kalpani district, on Monday.");
    assert_eq!(place(&a).as_deref(), Some("Mingora"), "{:?}", a.events);
    // A later sentence of the same event names a town inside its province.
    let a =
        run("Militants on Monday attacked an army post in Kirkuk province, killing two soldiers. \
         The militants attacked the post in Tazabad town in Kirkuk, a police officer said.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    assert_eq!(place(&a).as_deref(), Some("Tazabad"), "{:?}", a.events);
    // "the suburb of X": a place, even shaped like a person's name.
    let a = run("Heavy fighting in the suburb of Qasr Bin Ghaylan killed ten people on Monday.");
    assert_eq!(place(&a).as_deref(), Some("Qasr Bin Ghaylan"), "{:?}", a.events);
    let e = a.entities.iter().find(|e| e.name == "Qasr Bin Ghaylan").expect("the suburb");
    assert_eq!(e.kind, dossier_core::EntityKind::Place);
}

#[test]
fn a_region_an_appositive_calls_a_district_is_finer_than_its_province() {
    let a = run(
        "Militants attacked an army post in North Waziristan, a district in Khyber Pakhtunkhwa province that borders Afghanistan, on Saturday.",
    );
    assert_eq!(place(&a).as_deref(), Some("Waziristan"), "{:?}", a.events);
    let a = run("Militants attacked an army post in Khyber Pakhtunkhwa province on Saturday.");
    assert_eq!(place(&a).as_deref(), Some("Khyber Pakhtunkhwa"), "{:?}", a.events);
}

#[test]
fn a_town_owned_by_a_country_is_the_place() {
    let a = run(
        "Gunmen claimed responsibility for an attack in Burkina Faso's Barsalogho on Saturday.",
    );
    assert_eq!(place(&a).as_deref(), Some("Barsalogho"), "{:?}", a.events);
}

#[test]
fn a_speaker_place_a_nationality_or_a_destination_is_not_where_it_happened() {
    // The place of the speaker, told before the killing.
    let a = run("A drone strike killed Omar Haidari, a commander of the Lion Front, officials said. \
         In Kabul, a ministry spokesman confirmed that Haidari was killed in the strike on Wednesday \
         in Kunar province.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    assert_eq!(place(&a).as_deref(), Some("Kunar"), "{:?}", a.events);
    // A country with its acronym in brackets, as an adjective.
    let a = run("Omar Haidari is dead after a United States (US) military raid in Syria, \
         officials said on Sunday.");
    assert_eq!(place(&a).as_deref(), Some("Syria"), "{:?}", a.events);
    // Where the wounded were flown, a few words from the cue.
    let a = run("Gunmen stormed a college on Thursday, killing 20 people. Nine of the injured \
         were airlifted to the capital Nairobi for treatment.");
    assert_ne!(place(&a).as_deref(), Some("Nairobi"), "{:?}", a.events);
    // A place told by a later sentence of the same incident.
    let a =
        run("A drone strike killed Omar Haidari, the leader of the Lion Front, officials said \
         Friday. A spokesman said that Haidari was killed along with two guards when their car \
         was hit in the eastern province of Kunar.");
    assert_eq!(place(&a).as_deref(), Some("Kunar"), "{:?}", a.events);
}

#[test]
fn an_unknown_place_lies_in_the_area_named_right_after_it() {
    // The nationality-like place before ("Iran-backed") is not where the
    // neighbourhood is: the city it is said to lie in is.
    let p = exported_place(
        "The Iran-backed militia fired two missiles on Tuesday, killing three people. The missiles \
         landed in the Qatabeh neighborhood in the central city of Marib.",
    );
    assert_eq!(p["name"], "Qatabeh", "{p}");
    assert_eq!(p["country"]["code"], "YE", "{p}");
    assert_eq!(p["admin1"]["code"], "YE-MA", "{p}");
}

#[test]
fn a_short_word_in_capitals_is_an_acronym_not_a_place() {
    // "SANA" is a news agency, not Sanaa (the gazetteer spells it "Sana");
    // "KPK", spelled so in the gazetteer, and a dateline stay places.
    let a = run(
        "State news agency SANA reported that gunmen killed four soldiers in Palmyra on Sunday.",
    );
    let places: Vec<&str> = a
        .entities
        .iter()
        .filter(|e| e.kind == dossier_core::EntityKind::Place)
        .map(|e| e.name.as_str())
        .collect();
    assert!(!places.iter().any(|p| p.starts_with("Sana")), "{places:?}");
    assert_eq!(place(&a).as_deref(), Some("Palmyra"), "{:?}", a.events);
    let a = run(
        "Residents of Karak, KPK took to the streets after gunmen killed two teachers on Monday.",
    );
    assert!(
        a.entities.iter().any(|e| e.catalog_id.as_deref() == Some("adm1:PK-KP")),
        "{:?}",
        a.entities
    );
}

#[test]
fn a_plural_trigger_tells_how_the_attack_named_before_it_happened() {
    // "throwing bombs" is no event of its own, without a toll; the attack
    // before it is.
    let a =
        run("The attack came on Sunday evening, when four gunmen burst into a concert hall in \
         Krasnogorsk, opening fire and throwing incendiary bombs.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    assert_eq!(place(&a).as_deref(), Some("Krasnogorsk"), "{:?}", a.events);
    // A plural without a singular noun before it still tells no event.
    let a = run("Militants have carried out bombings in the city.");
    assert!(a.events.is_empty(), "{:?}", a.events);
}

#[test]
fn a_merged_report_keeps_the_finer_place() {
    // The lede names the country, the next report of the same attack its
    // province: the event is in the province.
    let a = run("Separatists killed five soldiers at the weekend in attacks in western Cameroon, \
         officials said. On Sunday, in Northwest province, a homemade bomb killed five soldiers.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    assert_eq!(place(&a).as_deref(), Some("Northwest"), "{:?}", a.events);
}

#[test]
fn the_source_of_a_figure_is_not_where_it_happened() {
    let a = run("At least 20 people were killed in a bombing on Sunday, according to the report \
         of the Sulu Provincial Police Office to the Regional Police Office in Cotabato.");
    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    assert_eq!(place(&a), None, "{:?}", a.events);
}

#[test]
fn a_sentence_opening_on_the_attack_dates_the_lead_event() {
    // The lead tells the toll undated; "The attack ... began ... on
    // Tuesday" is the same attack, not another one.
    let a = run("Gunmen attacked a hotel complex in Nairobi, killing at least 14 people, the \
         president said. The attack on the hotel began shortly after 3pm on Monday \
         with an explosion in the parking lot. The Lion Front carried out an attack on a mall in \
         2013 that left at least 67 people dead.");
    let lead = a.events.iter().find(|e| e.killed.is_some_and(|k| k.low == Some(14.0)));
    let lead = lead.unwrap_or_else(|| panic!("{:?}", a.events));
    let day = lead.when.as_ref().and_then(|w| w.interval.as_ref()).and_then(|i| i.start);
    assert_eq!(day, "2015-06-08".parse().ok(), "{:?}", a.events);
    assert!(a.events.iter().any(|e| e.killed.is_some_and(|k| k.low == Some(67.0))));
}

#[test]
fn a_settlement_the_text_names_refines_a_province() {
    // "X locality", "the village of X", "X, a municipality in ...": an unknown
    // settlement after the province is where the event happened.
    for (text, want) in [
        (
            "Gunmen killed 28 civilians in Kunar province on Tuesday. The gunmen opened \
             fire on Tuesday evening in Darwazgai locality, a police officer said.",
            "Darwazgai",
        ),
        (
            "Gunmen killed nine soldiers in Kunar province on Tuesday. The attack took place \
             in the rural part of Sarkano Bala, a municipality in the province.",
            "Sarkano Bala",
        ),
    ] {
        let a = run(text);
        assert_eq!(a.events.len(), 1, "{text}: {:?}", a.events);
        assert_eq!(place(&a).as_deref(), Some(want), "{text}: {:?}", a.events);
    }
}

#[test]
fn two_settlements_of_one_report_are_two_places() {
    let a = run(
        "The Lion Front killed at least 11 police officers in Kunar province, officials said on \
         Tuesday. The group's attacks in Kunar's Darwazgai district started on Monday evening. \
         The Lion Front also clashed with troops on Tuesday in Kamdesh district of Nuristan \
         province, said a spokesman.",
    );
    assert_eq!(a.events.len(), 2, "{:?}", a.events);
}
