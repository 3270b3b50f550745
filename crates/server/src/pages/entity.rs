//! The entity page and the conflict (compare) view.

use std::fmt::Write;

use crate::error::P;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::Html;
use dossier_core::reconcile::{StoredClaimRecord, StoredEntity, StoredEvent, StoredTenure};
use dossier_core::{EntityKind, Predicate, Verdict};
use dossier_store::{EntityEntry, EventFilter, FindingEntry, FindingFilter, Store};

use super::stored::{self, value_words, Names};
use super::when_cell;
use super::words::{self, plural};
use crate::error::{AppError, AppResult};
use crate::html::{badge, esc, page, q, seg, Nav};
use crate::state::AppState;

/// Claims shown per predicate before "all N claims".
const PER_PREDICATE: usize = 20;
/// Events shown before "all N events".
const EVENTS_SHOWN: usize = 50;
/// The predicates the fact box reads in full.
const FACTS: [Predicate; 5] = [
    Predicate::Leader,
    Predicate::Strength,
    Predicate::Founded,
    Predicate::FirstActive,
    Predicate::BasedIn,
];

/// What the entity page shows, read from the stored results.
struct EntityPage {
    en: StoredEntity,
    entry: EntityEntry,
    findings: Vec<FindingEntry>,
    /// Per predicate (in predicate order): how many claims, and those
    /// shown or read (corpus order; leaders by tenure).
    claims: Vec<(Predicate, usize, Vec<StoredClaimRecord>)>,
    incoming: dossier_store::Page<StoredClaimRecord>,
    events: dossier_store::Page<StoredEvent>,
    /// Events it carried out and their lowest credible tolls added up.
    done: (usize, f64),
    docs: super::events::DocDates,
    names: Names,
    candidates: Vec<(String, String)>,
}

/// `GET /entity/{id}`: read from the stored results (no whole-corpus
/// view), kept until they move (see [`crate::answers`]).
pub async fn entity(State(st): State<AppState>, P(id): P<String>) -> AppResult<Html<Bytes>> {
    let key = format!("/entity/{id}");
    let html = st
        .answer(key, move |store| {
            let p = entity_page(store, &id)?;
            Ok(page(&p.en.name, Nav::Entities, &render(&p)))
        })
        .await?;
    Ok(Html(html))
}

fn entity_page(store: &Store, id: &str) -> AppResult<EntityPage> {
    let entry = store
        .recon_entity(id)?
        .ok_or_else(|| AppError::not_found(format!("no entity with id `{id}`")))?;
    let en = entry.entity()?;
    let filter = FindingFilter { subject: Some(en.id.clone()), ..FindingFilter::default() };
    let mut findings = store.recon_findings_list(&filter, 1_000, 0)?.items;
    findings.sort_by_key(|f| Predicate::parse(&f.predicate));
    let group = en.kind == EntityKind::Group;
    // Leaders are all read to order them by tenure; a group's fact box
    // reads all of its predicates.
    let full: Vec<&str> =
        FACTS.iter().filter(|&&p| p == Predicate::Leader || group).map(|p| p.as_str()).collect();
    let mut claims = Vec::new();
    for (p, n, mut v) in store.recon_claims_by_predicate(&en.id, PER_PREDICATE, &full)? {
        let Some(pr) = Predicate::parse(&p) else { continue };
        if pr == Predicate::Leader {
            // Leaders in order of tenure, as far as the texts date it.
            let mut keyed: Vec<_> =
                v.into_iter().enumerate().map(|(i, c)| (tenure_key(&c, i), c)).collect();
            keyed.sort_by_key(|k| k.0);
            v = keyed.into_iter().map(|(_, c)| c).collect();
        }
        claims.push((pr, n, v));
    }
    let incoming = store.recon_claims_naming(&en.id, PER_PREDICATE)?;
    let ef = EventFilter { entity: Some(en.id.clone()), ..EventFilter::default() };
    let (events, _) = store.recon_events_list(&ef, EVENTS_SHOWN, 0)?;
    let done = if group {
        let gf = EventFilter { group: Some(en.id.clone()), ..EventFilter::default() };
        let (page, killed) = store.recon_events_list(&gf, 0, 0)?;
        (page.total, killed)
    } else {
        (0, 0.0)
    };
    let docs = super::events::doc_dates(store, &events.items)?;
    let mut ids: Vec<String> = Vec::new();
    for (_, _, v) in &claims {
        ids.extend(v.iter().flat_map(|c| c.value_entity.clone()));
    }
    for c in &incoming.items {
        ids.push(c.subject.clone());
        ids.extend(c.value_entity.clone());
    }
    for v in &events.items {
        ids.extend(v.place.clone());
        ids.extend(v.perpetrators.iter().cloned());
    }
    ids.push(en.id.clone());
    let names = stored::names(store, ids)?;
    let candidates = merge_candidates(store, &en)?;
    Ok(EntityPage { en, entry, findings, claims, incoming, events, done, docs, names, candidates })
}

/// The order of a leader claim's tenure (as `dossier_core::reconcile::
/// tenure_key`): former and dated first, then former, then current by
/// date; `i` is its place in corpus order.
fn tenure_key(
    c: &StoredClaimRecord,
    i: usize,
) -> (u8, Option<chrono::NaiveDate>, Option<chrono::NaiveDate>, usize) {
    let t = c.tenure.unwrap_or(StoredTenure {
        former: c.record["status"].as_str() == Some("former"),
        date: None,
    });
    match (t.former, t.date) {
        (true, Some((_, end))) => (0, Some(end), None, i),
        (true, None) => (1, None, None, i),
        (false, d) => (2, d.map(|d| d.0).or(c.published), c.published, i),
    }
}

/// Entities of the same kind that share a word of the name (at most 30),
/// offered by the merge form: found by the store's name search, their
/// names read by id (no entity decoded).
fn merge_candidates(store: &Store, en: &StoredEntity) -> AppResult<Vec<(String, String)>> {
    let mut ids: Vec<String> = Vec::new();
    let mut words: Vec<String> =
        en.name.split_whitespace().filter(|w| w.len() > 3).map(str::to_lowercase).collect();
    words.dedup();
    for w in words {
        if ids.len() >= 30 {
            break;
        }
        for id in store.recon_entity_ids_named(&w, Some(en.kind.as_str()), 31)? {
            if id != en.id && !ids.contains(&id) && ids.len() < 30 {
                ids.push(id);
            }
        }
    }
    let names = stored::names(store, ids.iter().cloned())?;
    Ok(ids
        .into_iter()
        .filter_map(|id| {
            let name = names.get(&id)?.1.clone();
            Some((id, name))
        })
        .collect())
}

fn render(p: &EntityPage) -> String {
    let en = &p.en;
    let mut b = String::new();
    let _ = write!(
        b,
        "<h1>{} <span class=\"kind\">{}</span></h1><p class=\"muted\">id <code>{}</code>",
        esc(&en.name),
        en.kind.as_str(),
        esc(&en.id)
    );
    if let Some(c) = &en.catalog_id {
        let _ = write!(b, " · catalog <code>{}</code>", esc(c));
    }
    let _ = write!(
        b,
        " · {} · {} · {}</p>\
         <nav class=\"sub\" aria-label=\"Views of this entity\"><a href=\"/entity/{id}/timeline\">Timeline</a>\
         <a href=\"/entity/{id}/graph\">Graph</a><a href=\"/claims?subject={qid}\">All claims</a>\
         <a href=\"/events?entity={qid}\">Events</a><a href=\"/api/v1/entities/{id}\">JSON</a>\
         <a href=\"/export/claims.jsonl?subject={qid}\" download>Claims as JSON Lines</a>\
         <a href=\"/export/report.html?entity={qid}\" download>HTML report</a></nav>",
        plural(p.entry.doc_count, "document"),
        plural(p.entry.claims, "claim"),
        plural(p.entry.events, "event"),
        id = seg(&en.id),
        qid = q(&en.id),
    );

    if en.kind == EntityKind::Group {
        fact_box(&mut b, p);
    }

    // A table of contents: the events and the later sections are far down
    // the page of a well-reported group.
    let conflicts: Vec<&FindingEntry> =
        p.findings.iter().filter(|f| f.verdict == Verdict::Conflict.as_str()).collect();
    b.push_str(
        "<nav class=\"toc onpage\" aria-label=\"On this page\"><a href=\"#names\">Names</a>",
    );
    if !conflicts.is_empty() {
        let _ = write!(b, "<a href=\"#disagree\">Where sources disagree ({})</a>", conflicts.len());
    }
    let _ = write!(b, "<a href=\"#claims\">Claims ({})</a>", p.entry.claims);
    if p.incoming.total > 0 {
        let _ = write!(b, "<a href=\"#named\">Named in others' claims ({})</a>", p.incoming.total);
    }
    let _ = write!(b, "<a href=\"#events\">Events ({})</a></nav>", p.events.total);
    b.push_str("<section class=\"aliases\" id=\"names\"><h2>Also known as</h2>");
    if en.aliases.is_empty() {
        b.push_str("<p class=\"muted\">No other names in the reports.</p>");
    } else {
        b.push_str("<ul class=\"inline\">");
        for a in &en.aliases {
            let _ = write!(b, "<li>{}</li>", esc(a));
        }
        b.push_str("</ul>");
    }
    if !en.evidence.is_empty() {
        let _ = write!(
            b,
            "<details><summary>Merge evidence ({})</summary><ul class=\"evidence\">",
            en.evidence.len()
        );
        for ev in &en.evidence {
            let _ = write!(b, "<li>{}</li>", esc(ev));
        }
        b.push_str("</ul></details>");
    }
    b.push_str("</section>");

    // Where sources disagree.
    if !conflicts.is_empty() {
        b.push_str(
            "<section class=\"disagree\" id=\"disagree\"><h2>Where sources disagree</h2><ul class=\"findings\">",
        );
        for x in conflicts {
            let pr = Predicate::parse(&x.predicate);
            let _ = write!(
                b,
                "<li>{} <a href=\"/compare/{}/{}\">{}: compare side by side</a><div class=\"summary\">{}</div></li>",
                badge(Verdict::Conflict),
                seg(&en.id),
                x.predicate,
                esc(&pr.map(words::predicate).unwrap_or_else(|| x.predicate.clone())),
                esc(&x.summary)
            );
        }
        b.push_str("</ul></section>");
    }

    // Claims by predicate.
    b.push_str("<section id=\"claims\"><h2>Claims</h2>");
    if p.claims.is_empty() {
        b.push_str("<p class=\"muted\">No claims about this entity.</p>");
    }
    b.push_str("<nav class=\"toc\" aria-label=\"Predicates\">");
    for (pr, n, _) in &p.claims {
        let _ =
            write!(b, "<a href=\"#p-{}\">{} ({})</a>", pr.as_str(), esc(&words::predicate(*pr)), n);
    }
    b.push_str("</nav>");
    for (pr, n, claims) in &p.claims {
        let finding = p.findings.iter().find(|f| f.predicate == pr.as_str());
        let _ = write!(
            b,
            "<section class=\"pred\" id=\"p-{}\"><h3>{}",
            pr.as_str(),
            esc(&words::predicate(*pr))
        );
        if let Some(x) = finding {
            if let Some(v) = Verdict::parse(&x.verdict) {
                let _ = write!(b, " {}", badge(v));
            }
            if x.claims > 1 {
                let _ = write!(
                    b,
                    " <a class=\"small\" href=\"/compare/{}/{}\">compare</a>",
                    seg(&en.id),
                    pr.as_str()
                );
            }
            let _ = write!(b, "</h3><p class=\"summary\">{}</p>", esc(&x.summary));
        } else {
            b.push_str("</h3>");
        }
        let shown = &claims[..claims.len().min(PER_PREDICATE)];
        stored::claim_table(&mut b, &p.names, shown, false, false);
        if *n > shown.len() {
            let _ = write!(
                b,
                "<p><a href=\"/claims?subject={}&amp;predicate={}\">All {} claims: {} →</a></p>",
                q(&en.id),
                pr.as_str(),
                n,
                esc(&words::predicate_lower(*pr))
            );
        }
        b.push_str("</section>");
    }
    b.push_str("</section>");

    if p.incoming.total > 0 {
        let _ = write!(
            b,
            "<section id=\"named\"><h2>Named in others' claims <span class=\"muted\">({})</span></h2>",
            p.incoming.total
        );
        stored::claim_table(&mut b, &p.names, &p.incoming.items, true, true);
        b.push_str("</section>");
    }

    let events = &p.events;
    let _ = write!(
        b,
        "<section id=\"events\"><h2>Events <span class=\"muted\">({})</span></h2>",
        events.total
    );
    if events.items.is_empty() {
        b.push_str("<p class=\"muted\">No events.</p>");
    } else {
        super::events::export_links(&mut b, &format!("?entity={}", q(&en.id)));
        super::events::stored_event_table(&mut b, &p.names, &p.docs, &events.items);
        if events.total > events.items.len() {
            let _ = write!(
                b,
                "<p><a href=\"/events?entity={}\">All {} events →</a></p>",
                q(&en.id),
                events.total
            );
        }
    }
    b.push_str("</section>");
    super::curate::entity_forms(&mut b, en, &p.candidates);
    b
}

/// The claims of predicate `pr` read for the page, without denials.
fn claims_of(p: &EntityPage, pr: Predicate) -> Vec<&StoredClaimRecord> {
    p.claims
        .iter()
        .filter(|(x, _, _)| *x == pr)
        .flat_map(|(_, _, v)| v)
        .filter(|c| c.record["modality"].as_str() != Some("denied"))
        .collect()
}

/// A link to a claim's evidence, named by who says it.
fn cite(b: &mut String, c: &StoredClaimRecord) {
    let idx = c.id.rsplit_once(":c").map_or("0", |(_, n)| n);
    let who = match c.record["source"].as_str() {
        Some(src) => format!("{src}, via {}", c.label),
        None => c.label.clone(),
    };
    let _ = write!(
        b,
        "<a class=\"cite\" href=\"/doc/{}?hl={idx}#c{idx}\">{}</a>",
        seg(&c.doc),
        esc(&who)
    );
}

/// The date a claim speaks for: its own time, else its report's date.
fn as_of(c: &StoredClaimRecord) -> Option<chrono::NaiveDate> {
    c.record
        .get("when")
        .and_then(stored::when_of)
        .filter(|w| w.text != "publication date")
        .and_then(|w| w.interval)
        .and_then(|i| i.end.or(i.start))
        .or(c.published)
}

/// The corpus order of a claim (the store's `ord`).
fn corpus_order(c: &StoredClaimRecord) -> (String, String, u64) {
    let n = c.id.rsplit_once(":c").and_then(|(_, n)| n.parse().ok()).unwrap_or(0);
    let date = c.published.map(|d| d.to_string()).unwrap_or_else(|| "~".to_string());
    (date, c.doc.clone(), n)
}

/// The facts an analyst asks first, each with its sources: the current
/// leader, the latest strength, the founding, the base, and the group's
/// attacks and deaths in the store.
fn fact_box(b: &mut String, p: &EntityPage) {
    let en = &p.en;
    b.push_str("<section class=\"factbox\" aria-label=\"Key facts\"><dl class=\"facts\">");
    // The leader the latest report calls current (latest in corpus order
    // among reports of one date).
    let mut current: Vec<&StoredClaimRecord> = claims_of(p, Predicate::Leader)
        .into_iter()
        .filter(|c| c.record["status"].as_str() != Some("former"))
        .collect();
    current.sort_by_key(|c| std::cmp::Reverse((c.published, corpus_order(c))));
    b.push_str("<dt>Leader</dt><dd>");
    match current.first() {
        Some(&c) => {
            let who = value_words(&c.record);
            let _ = write!(b, "<b>{}</b>", esc(&who));
            let same: Vec<&StoredClaimRecord> =
                current.iter().copied().filter(|x| value_words(&x.record) == who).collect();
            if let Some((a, z)) = same.iter().find_map(|x| x.tenure.and_then(|t| t.date)) {
                let _ = write!(b, ", since {}", esc(&words::interval_days(a, z)));
            }
            b.push_str(" <span class=\"muted\">according to</span> ");
            for (i, &x) in same.iter().take(3).enumerate() {
                if i > 0 {
                    b.push_str(", ");
                }
                cite(b, x);
            }
        }
        None => b.push_str("<span class=\"muted\">no report names a current leader</span>"),
    }
    b.push_str("</dd><dt>Strength</dt><dd>");
    let mut strength = claims_of(p, Predicate::Strength);
    strength.sort_by_key(|c| std::cmp::Reverse((as_of(c), corpus_order(c))));
    match strength.first() {
        Some(&c) => {
            let _ = write!(b, "<b>{}</b>", esc(&value_words(&c.record)));
            if let Some(d) = as_of(c) {
                let _ = write!(b, ", as of {}", esc(&words::day(d)));
            }
            b.push_str(" <span class=\"muted\">according to</span> ");
            cite(b, c);
            if strength.len() > 1 {
                let _ = write!(
                    b,
                    " · <a href=\"#p-strength\">{} in all</a>",
                    plural(strength.len(), "figure")
                );
            }
        }
        None => b.push_str("<span class=\"muted\">no figure reported</span>"),
    }
    b.push_str("</dd><dt>Founded</dt><dd>");
    let mut founded = claims_of(p, Predicate::Founded);
    founded.extend(claims_of(p, Predicate::FirstActive));
    let start = |c: &StoredClaimRecord| {
        stored::when_of(&c.record["value"]["time"])
            .and_then(|w| w.interval)
            .and_then(|i| i.start.or(i.end))
    };
    founded.retain(|c| start(c).is_some());
    founded.sort_by_key(|c| (start(c), corpus_order(c)));
    match founded.first() {
        Some(&c) => {
            let how = if c.record["predicate"].as_str() == Some(Predicate::FirstActive.as_str()) {
                "first active"
            } else {
                "founded"
            };
            let _ = write!(
                b,
                "{how} <b>{}</b> <span class=\"muted\">according to</span> ",
                esc(&value_words(&c.record))
            );
            cite(b, c);
        }
        None => b.push_str("<span class=\"muted\">not reported</span>"),
    }
    b.push_str("</dd><dt>Based in</dt><dd>");
    let mut bases: Vec<(&str, &str)> = Vec::new();
    for c in claims_of(p, Predicate::BasedIn) {
        if let Some(v) = &c.value_entity {
            if !bases.iter().any(|(x, _)| x == v) {
                bases.push((v, c.record["value"]["name"].as_str().unwrap_or("")));
            }
        }
    }
    if bases.is_empty() {
        b.push_str("<span class=\"muted\">not reported</span>");
    }
    for (i, (id, name)) in bases.iter().take(4).enumerate() {
        if i > 0 {
            b.push_str(", ");
        }
        stored::entity_link(b, &p.names, id, name);
    }
    let (done, killed) = p.done;
    b.push_str("</dd><dt>In this store</dt><dd>");
    if done == 0 {
        b.push_str("<span class=\"muted\">no event names it as the perpetrator</span>");
    } else {
        let _ = write!(
            b,
            "<a href=\"/events?group={}\">{}</a> carried out, at least {} killed \
             (lowest credible tolls)",
            q(&en.id),
            plural(done, "event"),
            crate::html::num(killed as usize)
        );
    }
    b.push_str("</dd></dl></section>");
}

/// `GET /compare/{id}/{predicate}`: the claims of one group side by
/// side, read from the stored results (the finding, its list row's
/// summary and its claims' records), kept until they move.
pub async fn compare(
    State(st): State<AppState>,
    P((id, predicate)): P<(String, String)>,
) -> AppResult<Html<Bytes>> {
    let key = format!("/compare/{id}/{predicate}");
    Ok(Html(st.answer(key, move |store| compare_page(store, &id, &predicate)).await?))
}

/// What orders a claim's card when the values are compared: the lowest
/// figure, else the first day of its time (as a number), else last.
fn value_key(c: &StoredClaimRecord) -> f64 {
    let v = &c.record["value"];
    if let Some(q) = v.get("quantity") {
        return q["low"].as_f64().or(q["high"].as_f64()).unwrap_or(f64::MAX);
    }
    v.get("time")
        .and_then(stored::when_of)
        .and_then(|w| w.interval)
        .and_then(|t| t.start.or(t.end))
        .map(|d| d.to_string().replace('-', "").parse::<f64>().unwrap_or(0.0))
        .unwrap_or(f64::MAX)
}

fn compare_page(store: &Store, id: &str, predicate: &str) -> AppResult<String> {
    let en = super::viz::stored_entity(store, id)?;
    let p = crate::api::parse_predicate(predicate)?;
    let missing = || AppError::not_found(format!("no {predicate} claims about `{id}`"));
    let x = store
        .recon_findings_of(&en.id)?
        .into_iter()
        .find(|f| f.predicate == p)
        .ok_or_else(missing)?;
    let filter = FindingFilter {
        subject: Some(en.id.clone()),
        predicate: Some(p.as_str().to_string()),
        ..FindingFilter::default()
    };
    let line = store.recon_findings_list(&filter, 1, 0)?.items.pop().ok_or_else(missing)?;
    let ids: Vec<String> = x.claims.iter().map(|c| c.id.clone()).collect();
    let mut claims = store.recon_claims_by_id(&ids)?;
    // Corpus order first: it breaks the ties of either order below.
    claims.sort_by_cached_key(corpus_order);
    if p == Predicate::Leader {
        let mut keyed: Vec<_> =
            claims.into_iter().enumerate().map(|(i, c)| (tenure_key(&c, i), c)).collect();
        keyed.sort_by_key(|k| k.0);
        claims = keyed.into_iter().map(|(_, c)| c).collect();
    } else {
        // Sorted by value so that disagreeing figures stand apart (stable:
        // equal values stay in corpus order).
        claims.sort_by(|a, c| value_key(a).total_cmp(&value_key(c)));
    }
    let names = Names::from([(en.id.clone(), (en.kind.as_str().to_string(), en.name.clone()))]);
    let mut b = String::new();
    b.push_str("<h1>");
    stored::entity_link(&mut b, &names, &en.id, &en.name);
    let _ = write!(
        b,
        ": {} {}</h1><p class=\"summary\">{}</p>",
        esc(&words::predicate_lower(p)),
        badge(x.verdict),
        esc(&line.summary)
    );
    if let Some(c) = &x.consensus {
        let _ = write!(b, "<p>Every same-time figure allows <b>{}</b>.</p>", esc(&c.display()));
    }
    b.push_str("<div class=\"side\">");
    for c in claims.iter().take(60) {
        let r = &c.record;
        let _ = write!(
            b,
            "<article class=\"card\"><div class=\"big\">{}</div><dl>",
            esc(&value_words(r))
        );
        if let Some(w) = r.get("when").and_then(stored::when_of) {
            b.push_str("<dt>When</dt><dd>");
            when_cell(&mut b, &w);
            b.push_str("</dd>");
        }
        if p == Predicate::Leader {
            let t = c.tenure.unwrap_or(StoredTenure {
                former: r["status"].as_str() == Some("former"),
                date: None,
            });
            let said = match (t.former, t.date) {
                (true, Some((a, z))) => format!("former; until {}", words::interval_days(a, z)),
                (true, None) => "former; no date given".into(),
                (false, Some((a, z))) => format!("current; since {}", words::interval_days(a, z)),
                (false, None) => "current".into(),
            };
            let _ = write!(b, "<dt>Tenure</dt><dd>{}</dd>", esc(&said));
        }
        let modality = r["modality"].as_str().unwrap_or("");
        let _ = write!(
            b,
            "<dt>Source</dt><dd>{}</dd><dt>Modality</dt><dd><span class=\"mod m-{modality}\">{modality}</span></dd>\
             <dt>Outlet</dt><dd>{}</dd></dl><blockquote><a class=\"quote\" href=\"{}\">“{}”</a></blockquote></article>",
            esc(r["attributed_to"].as_str().unwrap_or("")),
            esc(&stored::outlet(&c.label, c.published)),
            super::viz::claim_href(c),
            esc(&words::clean_text(r["text"].as_str().unwrap_or("")))
        );
    }
    b.push_str("</div>");
    if claims.len() > 60 {
        let _ = write!(
            b,
            "<p><a href=\"/claims?subject={}&amp;predicate={}\">All {} claims →</a></p>",
            q(&en.id),
            p.as_str(),
            claims.len()
        );
    }
    Ok(page(&format!("{} · {}", en.name, words::predicate_lower(p)), Nav::Conflicts, &b))
}
