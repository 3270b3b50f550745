//! The entity page and the conflict (compare) view.

use std::fmt::Write;

use crate::error::P;
use axum::extract::State;
use axum::response::Html;
use dossier_core::reconcile::{source_of, tenure, tenure_key};
use dossier_core::{Predicate, Value};

use super::events::event_table;
use super::words::{self, plural};
use super::{claim_table, entity_link, evidence_href, outlet, when_cell};
use crate::error::{AppError, AppResult};
use crate::html::{badge, esc, page, q, seg, Nav};
use crate::state::{AppState, Snapshot};

/// Claims shown per predicate before "all N claims".
const PER_PREDICATE: usize = 20;

/// `GET /entity/{id}`
pub async fn entity(State(st): State<AppState>, P(id): P<String>) -> AppResult<Html<String>> {
    let s = st.view().await?;
    let e = s.entity(&id)?;
    let en = &s.rec.entities[e];
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
        plural(s.entity_docs[e], "document"),
        plural(s.entity_claims[e].len(), "claim"),
        plural(s.entity_events[e].len(), "event"),
        id = seg(&en.id),
        qid = q(&en.id),
    );

    // Aliases and why they were merged.
    if en.kind == dossier_core::EntityKind::Group {
        fact_box(&mut b, &s, e);
    }

    // A table of contents: the events and the later sections are far down
    // the page of a well-reported group.
    let conflicts_n = s.entity_findings[e]
        .iter()
        .filter(|&&f| s.rec.findings[f].verdict == dossier_core::Verdict::Conflict)
        .count();
    b.push_str(
        "<nav class=\"toc onpage\" aria-label=\"On this page\"><a href=\"#names\">Names</a>",
    );
    if conflicts_n > 0 {
        let _ = write!(b, "<a href=\"#disagree\">Where sources disagree ({conflicts_n})</a>");
    }
    let _ = write!(b, "<a href=\"#claims\">Claims ({})</a>", s.entity_claims[e].len());
    if !s.entity_incoming[e].is_empty() {
        let _ = write!(
            b,
            "<a href=\"#named\">Named in others' claims ({})</a>",
            s.entity_incoming[e].len()
        );
    }
    let _ = write!(b, "<a href=\"#events\">Events ({})</a></nav>", s.entity_events[e].len());
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
    let conflicts: Vec<usize> = s.entity_findings[e]
        .iter()
        .copied()
        .filter(|&f| s.rec.findings[f].verdict == dossier_core::Verdict::Conflict)
        .collect();
    if !conflicts.is_empty() {
        b.push_str(
            "<section class=\"disagree\" id=\"disagree\"><h2>Where sources disagree</h2><ul class=\"findings\">",
        );
        for f in conflicts {
            let x = &s.rec.findings[f];
            let _ = write!(
                b,
                "<li>{} <a href=\"/compare/{}/{}\">{}: compare side by side</a><div class=\"summary\">{}</div></li>",
                badge(x.verdict),
                seg(&en.id),
                x.predicate.as_str(),
                esc(&words::predicate(x.predicate)),
                esc(&words::summary(&s, f))
            );
        }
        b.push_str("</ul></section>");
    }

    // Claims by predicate.
    b.push_str("<section id=\"claims\"><h2>Claims</h2>");
    let mut by_pred: Vec<(Predicate, Vec<usize>)> = Vec::new();
    for &c in &s.entity_claims[e] {
        let cc = &s.rec.claims[c];
        let p = s.docs[cc.doc].claims[cc.idx].predicate;
        match by_pred.iter_mut().find(|(q, _)| *q == p) {
            Some((_, v)) => v.push(c),
            None => by_pred.push((p, vec![c])),
        }
    }
    by_pred.sort_by_key(|(p, _)| *p);
    // Leaders in order of tenure, as far as the texts date it.
    for (p, v) in &mut by_pred {
        if *p == Predicate::Leader {
            v.sort_by_cached_key(|&c| tenure_key(&s.docs, &s.rec.claims, c));
        }
    }
    if by_pred.is_empty() {
        b.push_str("<p class=\"muted\">No claims about this entity.</p>");
    }
    b.push_str("<nav class=\"toc\" aria-label=\"Predicates\">");
    for (p, v) in &by_pred {
        let _ = write!(
            b,
            "<a href=\"#p-{}\">{} ({})</a>",
            p.as_str(),
            esc(&words::predicate(*p)),
            v.len()
        );
    }
    b.push_str("</nav>");
    for (p, claims) in &by_pred {
        let finding =
            s.entity_findings[e].iter().copied().find(|&f| s.rec.findings[f].predicate == *p);
        let _ = write!(
            b,
            "<section class=\"pred\" id=\"p-{}\"><h3>{}",
            p.as_str(),
            esc(&words::predicate(*p))
        );
        if let Some(f) = finding {
            let x = &s.rec.findings[f];
            let _ = write!(b, " {}", badge(x.verdict));
            if x.claims.len() > 1 {
                let _ = write!(
                    b,
                    " <a class=\"small\" href=\"/compare/{}/{}\">compare</a>",
                    seg(&en.id),
                    p.as_str()
                );
            }
            let _ = write!(b, "</h3><p class=\"summary\">{}</p>", esc(&words::summary(&s, f)));
        } else {
            b.push_str("</h3>");
        }
        let shown: Vec<usize> = claims.iter().take(PER_PREDICATE).copied().collect();
        claim_table(&mut b, &s, &shown, false, false);
        if claims.len() > shown.len() {
            let _ = write!(
                b,
                "<p><a href=\"/claims?subject={}&amp;predicate={}\">All {} claims: {} →</a></p>",
                q(&en.id),
                p.as_str(),
                claims.len(),
                esc(&words::predicate_lower(*p))
            );
        }
        b.push_str("</section>");
    }
    b.push_str("</section>");

    let incoming = &s.entity_incoming[e];
    if !incoming.is_empty() {
        let _ = write!(
            b,
            "<section id=\"named\"><h2>Named in others' claims <span class=\"muted\">({})</span></h2>",
            incoming.len()
        );
        let shown: Vec<usize> = incoming.iter().take(PER_PREDICATE).copied().collect();
        claim_table(&mut b, &s, &shown, true, true);
        b.push_str("</section>");
    }

    let events = &s.entity_events[e];
    let _ = write!(
        b,
        "<section id=\"events\"><h2>Events <span class=\"muted\">({})</span></h2>",
        events.len()
    );
    if events.is_empty() {
        b.push_str("<p class=\"muted\">No events.</p>");
    } else {
        super::events::export_links(&mut b, &format!("?entity={}", q(&en.id)));
        let shown: Vec<usize> = events.iter().take(50).copied().collect();
        event_table(&mut b, &s, &shown);
        if events.len() > shown.len() {
            let _ = write!(
                b,
                "<p><a href=\"/events?entity={}\">All {} events →</a></p>",
                q(&en.id),
                events.len()
            );
        }
    }
    b.push_str("</section>");
    super::curate::entity_forms(&mut b, &s, e);
    Ok(Html(page(&en.name, Nav::Entities, &b)))
}

/// The claims about `e` with predicate `p`.
fn claims_of(s: &Snapshot, e: usize, p: Predicate) -> Vec<usize> {
    s.entity_claims[e]
        .iter()
        .copied()
        .filter(|&c| {
            let cc = &s.rec.claims[c];
            let cl = &s.docs[cc.doc].claims[cc.idx];
            cl.predicate == p && cl.modality != dossier_core::Modality::Denied
        })
        .collect()
}

/// A link to a claim's evidence, named by who says it.
fn cite(b: &mut String, s: &Snapshot, c: usize) {
    let _ = write!(
        b,
        "<a class=\"cite\" href=\"{}\">{}</a>",
        evidence_href(s, c),
        esc(&words::attribution(s, c))
    );
}

/// The date a claim speaks for: its own time, else its report's date.
fn as_of(s: &Snapshot, c: usize) -> Option<chrono::NaiveDate> {
    let cc = &s.rec.claims[c];
    let cl = &s.docs[cc.doc].claims[cc.idx];
    cl.when
        .as_ref()
        .filter(|w| w.text != "publication date")
        .and_then(|w| w.interval.as_ref())
        .and_then(|i| i.end.or(i.start))
        .or(s.docs[cc.doc].doc.published)
}

/// The facts an analyst asks first, each with its sources: the current
/// leader, the latest strength, the founding, the base, and the group's
/// attacks and deaths in the store.
fn fact_box(b: &mut String, s: &Snapshot, e: usize) {
    let en = &s.rec.entities[e];
    b.push_str("<section class=\"factbox\" aria-label=\"Key facts\"><dl class=\"facts\">");
    // The leader the latest report calls current.
    let mut current: Vec<usize> = claims_of(s, e, Predicate::Leader)
        .into_iter()
        .filter(|&c| {
            let cc = &s.rec.claims[c];
            s.docs[cc.doc].claims[cc.idx].status.as_deref() != Some("former")
        })
        .collect();
    current.sort_by_key(|&c| std::cmp::Reverse((s.docs[s.rec.claims[c].doc].doc.published, c)));
    b.push_str("<dt>Leader</dt><dd>");
    match current.first() {
        Some(&c) => {
            let who = words::value(s, c);
            let _ = write!(b, "<b>{}</b>", esc(&who));
            let same: Vec<usize> =
                current.iter().copied().filter(|&x| words::value(s, x) == who).collect();
            if let Some((a, z)) = same.iter().find_map(|&x| tenure(&s.docs, &s.rec.claims, x).date)
            {
                let _ = write!(b, ", since {}", esc(&words::interval_days(a, z)));
            }
            b.push_str(" <span class=\"muted\">according to</span> ");
            for (i, &x) in same.iter().take(3).enumerate() {
                if i > 0 {
                    b.push_str(", ");
                }
                cite(b, s, x);
            }
        }
        None => b.push_str("<span class=\"muted\">no report names a current leader</span>"),
    }
    b.push_str("</dd><dt>Strength</dt><dd>");
    let mut strength = claims_of(s, e, Predicate::Strength);
    strength.sort_by_key(|&c| std::cmp::Reverse((as_of(s, c), c)));
    match strength.first() {
        Some(&c) => {
            let _ = write!(b, "<b>{}</b>", esc(&words::value(s, c)));
            if let Some(d) = as_of(s, c) {
                let _ = write!(b, ", as of {}", esc(&words::day(d)));
            }
            b.push_str(" <span class=\"muted\">according to</span> ");
            cite(b, s, c);
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
    let mut founded = claims_of(s, e, Predicate::Founded);
    founded.extend(claims_of(s, e, Predicate::FirstActive));
    let start = |c: usize| {
        let cc = &s.rec.claims[c];
        match &s.docs[cc.doc].claims[cc.idx].value {
            Value::Time { interval: Some(i), .. } => i.start.or(i.end),
            _ => None,
        }
    };
    founded.retain(|&c| start(c).is_some());
    founded.sort_by_key(|&c| (start(c), c));
    match founded.first() {
        Some(&c) => {
            let cc = &s.rec.claims[c];
            let how = if s.docs[cc.doc].claims[cc.idx].predicate == Predicate::FirstActive {
                "first active"
            } else {
                "founded"
            };
            let _ = write!(
                b,
                "{how} <b>{}</b> <span class=\"muted\">according to</span> ",
                esc(&words::value(s, c))
            );
            cite(b, s, c);
        }
        None => b.push_str("<span class=\"muted\">not reported</span>"),
    }
    b.push_str("</dd><dt>Based in</dt><dd>");
    let mut bases: Vec<usize> = Vec::new();
    let based = claims_of(s, e, Predicate::BasedIn);
    for &c in &based {
        if let Some(v) = s.rec.claims[c].value_entity {
            if !bases.contains(&v) {
                bases.push(v);
            }
        }
    }
    if bases.is_empty() {
        b.push_str("<span class=\"muted\">not reported</span>");
    }
    for (i, &p) in bases.iter().take(4).enumerate() {
        if i > 0 {
            b.push_str(", ");
        }
        entity_link(b, s, p);
    }
    let done: Vec<usize> =
        (0..s.rec.events.len()).filter(|&v| s.rec.events[v].perpetrators.contains(&e)).collect();
    let killed: f64 = done.iter().map(|&v| super::events::fatalities(&s.rec.events[v])).sum();
    b.push_str("</dd><dt>In this store</dt><dd>");
    if done.is_empty() {
        b.push_str("<span class=\"muted\">no event names it as the perpetrator</span>");
    } else {
        let _ = write!(
            b,
            "<a href=\"/events?group={}\">{}</a> carried out, at least {} killed \
             (lowest credible tolls)",
            q(&en.id),
            plural(done.len(), "event"),
            crate::html::num(killed as usize)
        );
    }
    b.push_str("</dd></dl></section>");
}

/// `GET /compare/{id}/{predicate}`: the claims of one group side by side.
pub async fn compare(
    State(st): State<AppState>,
    P((id, predicate)): P<(String, String)>,
) -> AppResult<Html<String>> {
    let s = st.view().await?;
    let e = s.entity(&id)?;
    let p = crate::api::parse_predicate(&predicate)?;
    let f = s.entity_findings[e]
        .iter()
        .copied()
        .find(|&f| s.rec.findings[f].predicate == p)
        .ok_or_else(|| AppError::not_found(format!("no {predicate} claims about `{id}`")))?;
    let x = &s.rec.findings[f];
    let en = &s.rec.entities[e];
    let mut b = String::new();
    b.push_str("<h1>");
    entity_link(&mut b, &s, e);
    let _ = write!(
        b,
        ": {} {}</h1><p class=\"summary\">{}</p>",
        esc(&words::predicate_lower(p)),
        badge(x.verdict),
        esc(&words::summary(&s, f))
    );
    if let Some(c) = &x.consensus {
        let _ = write!(b, "<p>Every same-time figure allows <b>{}</b>.</p>", esc(&c.display()));
    }
    // Sorted by value so that disagreeing figures stand apart.
    let mut claims = x.claims.clone();
    if p == Predicate::Leader {
        claims.sort_by_cached_key(|&c| tenure_key(&s.docs, &s.rec.claims, c));
    } else {
        claims.sort_by(|&a, &c| {
            let key = |i: usize| {
                let cc = &s.rec.claims[i];
                match &s.docs[cc.doc].claims[cc.idx].value {
                    Value::Quantity { quantity, .. } => {
                        quantity.low.or(quantity.high).unwrap_or(f64::MAX)
                    }
                    Value::Time { interval: Some(t), .. } => t
                        .start
                        .or(t.end)
                        .map(|d| d.to_string().replace('-', "").parse::<f64>().unwrap_or(0.0))
                        .unwrap_or(f64::MAX),
                    _ => f64::MAX,
                }
            };
            key(a).total_cmp(&key(c)).then(a.cmp(&c))
        });
    }
    b.push_str("<div class=\"side\">");
    for &c in claims.iter().take(60) {
        let cc = &s.rec.claims[c];
        let a = &s.docs[cc.doc];
        let cl = &a.claims[cc.idx];
        let _ = write!(
            b,
            "<article class=\"card\"><div class=\"big\">{}</div><dl>",
            esc(&words::value(&s, c))
        );
        if let Some(w) = &cl.when {
            b.push_str("<dt>When</dt><dd>");
            when_cell(&mut b, w);
            b.push_str("</dd>");
        }
        if p == Predicate::Leader {
            let t = tenure(&s.docs, &s.rec.claims, c);
            let said = match (t.former, t.date) {
                (true, Some((a, z))) => format!("former; until {}", words::interval_days(a, z)),
                (true, None) => "former; no date given".into(),
                (false, Some((a, z))) => format!("current; since {}", words::interval_days(a, z)),
                (false, None) => "current".into(),
            };
            let _ = write!(b, "<dt>Tenure</dt><dd>{}</dd>", esc(&said));
        }
        let _ = write!(
            b,
            "<dt>Source</dt><dd>{}</dd><dt>Modality</dt><dd><span class=\"mod m-{}\">{}</span></dd>\
             <dt>Outlet</dt><dd>{}</dd></dl><blockquote><a class=\"quote\" href=\"{}\">“{}”</a></blockquote></article>",
            esc(&source_of(a, cl)),
            cl.modality.as_str(),
            cl.modality.as_str(),
            esc(&outlet(&s, cc.doc)),
            evidence_href(&s, c),
            esc(&words::clean_text(cl.span.slice(&a.doc.text)))
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
    Ok(Html(page(&format!("{} · {}", en.name, words::predicate_lower(p)), Nav::Conflicts, &b)))
}
