//! Views: the entity table, the profile, conflicts, timeline and sources,
//! as text, Markdown or JSON. They render what the stored reconciliation
//! holds (`crate::views` reads it): entities, findings, the export
//! records of claims and events, and the texts the events quote.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use anyhow::Result;
use dossier_core::export::report::{short_quote, timeline_rows, Cited, EntityDossier};
use dossier_core::reconcile::{StoredClaimRecord, StoredEntity, StoredEvent, Verdict};
use dossier_core::words::when_of;
use dossier_core::{EntityKind, Predicate, Quantity};
use serde_json::{json, Value as Json};

use crate::args::ViewFormat;

struct Style {
    color: bool,
}

/// One line of evidence: the quote (a Markdown blockquote, or in curly
/// quotes), what follows it, and where it stands: `[doc ID bytes S..E]`,
/// with the page for a PDF (`[doc ID p. 3 bytes S..E]`).
#[allow(clippy::too_many_arguments)]
fn quote_line(
    out: &mut String,
    st: &Style,
    md: bool,
    indent: &str,
    quote: &str,
    after: &str,
    doc: &str,
    page: Option<usize>,
    span: (u32, u32),
) {
    let _ = writeln!(
        out,
        "{indent}{}{}",
        if md { "> " } else { "“" },
        st.dim(&format!(
            "{quote}{}{after} [doc {}{} bytes {}..{}]",
            if md { "" } else { "”" },
            &doc[..doc.len().min(12)],
            page.map(|p| format!(" p. {p}")).unwrap_or_default(),
            span.0,
            span.1
        ))
    );
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.paint("1", s)
    }
    fn dim(&self, s: &str) -> String {
        self.paint("2", s)
    }
    fn verdict(&self, v: Verdict) -> String {
        let label = v.as_str().to_uppercase().replace('_', " ");
        match v {
            Verdict::Conflict => self.paint("1;31", &label),
            Verdict::ChangedOverTime => self.paint("33", &label),
            Verdict::Compatible => self.paint("36", &label),
            Verdict::Agree => self.paint("32", &label),
            Verdict::SingleSource => self.paint("2", &label),
        }
    }
}

/// One row of the entity table: the entity and its counts.
pub struct EntityRow {
    /// The entity.
    pub entity: StoredEntity,
    /// Documents that mention it.
    pub docs: usize,
    /// Claims about it.
    pub claims: usize,
}

/// `dossier entities`.
pub fn entities(mut rows: Vec<EntityRow>, format: ViewFormat) -> Result<String> {
    rows.sort_by(|a, b| {
        (kind_order(a.entity.kind), std::cmp::Reverse(a.docs), std::cmp::Reverse(a.claims))
            .cmp(&(
                kind_order(b.entity.kind),
                std::cmp::Reverse(b.docs),
                std::cmp::Reverse(b.claims),
            ))
            .then_with(|| a.entity.name.cmp(&b.entity.name))
    });
    let mut out = String::new();
    match format {
        ViewFormat::Json => {
            let v: Vec<_> = rows
                .iter()
                .map(|r| {
                    let e = &r.entity;
                    json!({"id": e.id, "kind": e.kind.as_str(), "name": e.name, "aliases": e.aliases, "documents": r.docs, "claims": r.claims})
                })
                .collect();
            out = serde_json::to_string_pretty(&v)?;
            out.push('\n');
        }
        ViewFormat::Markdown => {
            out.push_str(
                "| kind | name | aliases | docs | claims | id |\n|---|---|---|---|---|---|\n",
            );
            for r in &rows {
                let e = &r.entity;
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | `{}` |",
                    e.kind.as_str(),
                    e.name,
                    e.aliases.join(", "),
                    r.docs,
                    r.claims,
                    e.id
                );
            }
        }
        ViewFormat::Table => {
            let _ = writeln!(
                out,
                "{:<13} {:<42} {:>4} {:>6}  ALIASES",
                "KIND", "NAME", "DOCS", "CLAIMS"
            );
            for r in &rows {
                let e = &r.entity;
                let name: String = e.name.chars().take(42).collect();
                let aliases = short_quote(&e.aliases.join(", "), 60);
                let _ = writeln!(
                    out,
                    "{:<13} {:<42} {:>4} {:>6}  {}",
                    e.kind.as_str(),
                    name,
                    r.docs,
                    r.claims,
                    aliases
                );
            }
            let _ = writeln!(out, "{} entities", rows.len());
        }
    }
    Ok(out)
}

fn kind_order(k: EntityKind) -> u8 {
    match k {
        EntityKind::Group => 0,
        EntityKind::Organization => 1,
        EntityKind::Person => 2,
        EntityKind::Place => 3,
        EntityKind::Nationality => 4,
        EntityKind::Other => 5,
    }
}

struct ClaimLine {
    predicate: Predicate,
    value: String,
    when: String,
    source: String,
    modality: String,
    status: Option<String>,
    outlet: String,
    published: String,
    quote: String,
    doc: String,
    page: Option<usize>,
    span: (u32, u32),
    claim_id: String,
}

/// A string field of a record ("" when absent).
fn field<'a>(r: &'a Json, k: &str) -> &'a str {
    r.get(k).and_then(Json::as_str).unwrap_or("")
}

/// The `start, end` pair of a record's array from index `at` (`[start,
/// end]`, or `[doc, start, end]` from 1).
fn span_of(v: &Json, at: usize) -> (u32, u32) {
    let n = |i: usize| v.get(i).and_then(Json::as_u64).and_then(|x| u32::try_from(x).ok());
    (n(at).unwrap_or(0), n(at + 1).unwrap_or(0))
}

/// How a claim's `when` reads: its words and the interval they give.
fn when_line(r: &Json) -> String {
    let Some(w) = r.get("when").and_then(when_of) else { return "not stated".into() };
    match &w.interval {
        Some(i) if w.text == "publication date" => format!("as of publication ({})", i.display()),
        Some(i) => format!("{} ({})", w.text, i.display()),
        None => w.text,
    }
}

fn claim_line(c: &StoredClaimRecord) -> ClaimLine {
    let r = &c.record;
    ClaimLine {
        predicate: Predicate::parse(field(r, "predicate")).unwrap_or(Predicate::Founded),
        value: field(r, "value_text").to_string(),
        when: when_line(r),
        source: field(r, "attributed_to").to_string(),
        modality: field(r, "modality").to_string(),
        status: r.get("status").and_then(Json::as_str).map(str::to_string),
        outlet: r.get("outlet").and_then(Json::as_str).unwrap_or("unknown outlet").to_string(),
        published: c.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()),
        quote: short_quote(field(r, "text"), 220),
        doc: c.doc.clone(),
        page: r.get("page").and_then(Json::as_u64).and_then(|p| usize::try_from(p).ok()),
        span: r.get("span").map(|s| span_of(s, 0)).unwrap_or_default(),
        claim_id: c.id.clone(),
    }
}

/// The claims a view cites, by id.
fn by_id(claims: &[StoredClaimRecord]) -> HashMap<&str, &StoredClaimRecord> {
    claims.iter().map(|c| (c.id.as_str(), c)).collect()
}

/// `dossier profile`.
pub fn profile(d: &EntityDossier, format: ViewFormat, color: bool) -> Result<String> {
    let ent = &d.entity;
    let st = Style { color: color && format == ViewFormat::Table };
    let mut findings: Vec<&dossier_core::reconcile::StoredFinding> = d.findings.iter().collect();
    findings.sort_by_key(|f| Predicate::ALL.iter().position(|p| *p == f.predicate));
    let claims = by_id(&d.claims);
    let lines = |f: &dossier_core::reconcile::StoredFinding| -> Vec<ClaimLine> {
        f.claims.iter().filter_map(|c| claims.get(c.id.as_str())).map(|c| claim_line(c)).collect()
    };
    if format == ViewFormat::Json {
        let v = json!({
            "id": ent.id, "kind": ent.kind.as_str(), "name": ent.name, "aliases": ent.aliases, "evidence": ent.evidence,
            "documents": ent.docs.len(),
            "findings": findings.iter().map(|f| json!({
                "predicate": f.predicate.as_str(), "verdict": f.verdict.as_str(), "summary": f.summary,
                "claims": lines(f).iter().map(|l| {
                    json!({"id": l.claim_id, "value": l.value, "when": l.when, "source": l.source, "modality": l.modality,
                           "status": l.status, "outlet": l.outlet, "published": l.published, "quote": l.quote,
                           "doc": l.doc, "span": [l.span.0, l.span.1]})
                }).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "events": d.events.iter().map(|ev| event_json(ev, &d.cited)).collect::<Vec<_>>(),
        });
        return Ok(serde_json::to_string_pretty(&v)? + "\n");
    }
    let md = format == ViewFormat::Markdown;
    let mut out = String::new();
    let h = |out: &mut String, level: usize, s: &str| {
        if md {
            let _ = writeln!(out, "\n{} {s}\n", "#".repeat(level));
        } else if level == 1 {
            let _ = writeln!(out, "{}", st.bold(s));
        } else {
            let _ = writeln!(out, "\n{}", st.bold(&s.to_uppercase()));
        }
    };
    h(&mut out, 1, &format!("{} ({}, {})", ent.name, ent.kind.as_str(), ent.id));
    let n_docs = ent.docs.len();
    let _ = writeln!(out, "Reported in {n_docs} document{}.", if n_docs == 1 { "" } else { "s" });
    if !ent.aliases.is_empty() {
        let _ = writeln!(out, "Also known as: {}", ent.aliases.join(" · "));
    }
    if !ent.evidence.is_empty() {
        let _ = writeln!(out, "Why these names are one entity:");
        for ev in &ent.evidence {
            let _ = writeln!(out, "  - {ev}");
        }
    }
    let disputed: Vec<_> = findings
        .iter()
        .filter(|f| matches!(f.verdict, Verdict::Conflict | Verdict::ChangedOverTime))
        .collect();
    if !disputed.is_empty() {
        h(&mut out, 2, "Where sources disagree");
        for f in disputed {
            let mark = if f.verdict == Verdict::Conflict { "✗" } else { "↻" };
            let _ = writeln!(
                out,
                "  {mark} {} [{}]: {}",
                f.predicate.as_str(),
                st.verdict(f.verdict),
                f.summary
            );
        }
    }
    h(&mut out, 2, "Claims");
    if findings.is_empty() {
        let _ = writeln!(out, "  (no claims extracted about this entity)");
    }
    // Founding findings include first-activity claims; show each claim once per section.
    for f in &findings {
        let _ = writeln!(out, "\n{} — {}", st.bold(f.predicate.as_str()), st.verdict(f.verdict));
        let mut by_doc: BTreeMap<(String, String), Vec<ClaimLine>> = BTreeMap::new();
        for l in lines(f) {
            by_doc.entry((l.published.clone(), l.doc.clone())).or_default().push(l);
        }
        for lines in by_doc.values() {
            for l in lines {
                let pred = l.predicate;
                let label = if pred != f.predicate {
                    format!(" [{}]", pred.as_str())
                } else {
                    String::new()
                };
                let status = l.status.as_ref().map(|s| format!(" ({s})")).unwrap_or_default();
                let _ = writeln!(out, "  • {}{status}{label}", st.bold(&l.value));
                let _ = writeln!(
                    out,
                    "      when: {} · source: {} · modality: {}",
                    l.when, l.source, l.modality
                );
                let after = format!(" — {}, {}", l.outlet, l.published);
                quote_line(&mut out, &st, md, "      ", &l.quote, &after, &l.doc, l.page, l.span);
            }
        }
    }
    h(&mut out, 2, "Events");
    if d.events.is_empty() {
        let _ = writeln!(out, "  (no events linked to this entity)");
    }
    for ev in &d.events {
        out.push_str(&event_text(ev, &d.cited, &st, md));
    }
    Ok(out)
}

/// A quantity of a record, as shown ("12", "≥5 (approx.)").
fn q(v: Option<&Json>) -> Option<String> {
    v.filter(|v| !v.is_null())
        .and_then(|v| serde_json::from_value::<Quantity>(v.clone()).ok())
        .map(|q| q.display())
}

/// The reports of an event record, each with its victims and spans.
struct Report<'a> {
    record: &'a Json,
    victims: Vec<&'a Json>,
    spans: Vec<(u32, u32)>,
}

fn reports(ev: &StoredEvent) -> Vec<Report<'_>> {
    let r = &ev.record;
    let list = r.get("reports").and_then(Json::as_array).map(Vec::as_slice).unwrap_or_default();
    let victims = r.get("victims").and_then(Json::as_array).map(Vec::as_slice).unwrap_or_default();
    let spans = r.get("spans").and_then(Json::as_array).map(Vec::as_slice).unwrap_or_default();
    list.iter()
        .enumerate()
        .map(|(k, rep)| {
            let doc = field(rep, "doc");
            // Stored by an older dossier, a report's victims and spans
            // are known by its document only.
            let victims = victims
                .iter()
                .filter(|v| match v.get("report").and_then(Json::as_u64) {
                    Some(i) => usize::try_from(i).is_ok_and(|i| i == k),
                    None => field(v, "doc") == doc,
                })
                .collect();
            let spans = match rep.get("spans").and_then(Json::as_array) {
                Some(own) => own.iter().map(|s| span_of(s, 0)).collect(),
                None => spans
                    .iter()
                    .filter(|s| s.get(0).and_then(Json::as_str) == Some(doc))
                    .map(|s| span_of(s, 1))
                    .collect(),
            };
            Report { record: rep, victims, spans }
        })
        .collect()
}

/// The name of an entity an event lists by id.
fn name_of<'a>(cited: &'a Cited, id: &'a str) -> &'a str {
    cited.names.get(id).map_or(id, String::as_str)
}

/// The date an event happened, as shown.
fn event_when(r: &Json) -> Option<String> {
    r.get("when").and_then(when_of).and_then(|w| w.interval).map(|i| i.display())
}

fn event_text(ev: &StoredEvent, cited: &Cited, st: &Style, md: bool) -> String {
    let r = &ev.record;
    let mut out = String::new();
    let place = r["place"]["name"].as_str().unwrap_or("place not stated");
    let when = event_when(r).unwrap_or_else(|| "date not stated".into());
    let mut perps: Vec<String> =
        ev.perpetrators.iter().map(|p| name_of(cited, p).to_string()).collect();
    if let Some(a) = r["actor"]["text"].as_str() {
        perps.push(a.to_string());
    }
    let reports = reports(ev);
    let _ = writeln!(
        out,
        "  • {} at {} on {}{}{}",
        st.bold(ev.kind.as_str()),
        place,
        when,
        if perps.is_empty() { String::new() } else { format!(" — by {}", perps.join(", ")) },
        if r["claimed"].as_bool() == Some(true) { " (responsibility claimed)" } else { "" }
    );
    let _ = writeln!(
        out,
        "      {} report{}; casualty figures {}",
        reports.len(),
        if reports.len() == 1 { "" } else { "s" },
        if r["casualties_compatible"].as_bool() == Some(false) { "CONFLICT" } else { "compatible" }
    );
    for rep in &reports {
        let rr = rep.record;
        let mut figs = Vec::new();
        for (k, label) in [
            ("killed", "killed"),
            ("wounded", "wounded"),
            ("killed_or_wounded", "killed or wounded"),
        ] {
            if let Some(x) = q(rr.get(k)) {
                figs.push(format!("{label} {x}"));
            }
        }
        let victims: Vec<String> = rep
            .victims
            .iter()
            .map(|v| {
                format!(
                    "{} {} {}",
                    q(v.get("count")).unwrap_or_else(|| "unknown".into()),
                    field(v, "description"),
                    field(v, "outcome").replace('_', " ")
                )
            })
            .collect();
        let outlet = rr.get("outlet").and_then(Json::as_str).unwrap_or("unknown outlet");
        let when = rr.get("when").and_then(|w| w.get("text")).and_then(Json::as_str).unwrap_or("");
        let _ = writeln!(
            out,
            "      - {}: {}{}{}",
            outlet,
            if figs.is_empty() { "no casualty figures".to_string() } else { figs.join(", ") },
            if victims.len() > 1 { format!(" ({})", victims.join("; ")) } else { String::new() },
            if when.is_empty() {
                String::new()
            } else {
                format!(" · date as written: “{when}”")
            }
        );
        let doc = field(rr, "doc");
        let text = cited.docs.get(doc);
        for &(s, e) in &rep.spans {
            let quote = text
                .and_then(|d| d.text.get(s as usize..e as usize))
                .map(|t| short_quote(t, 200))
                .unwrap_or_default();
            let page = text.and_then(|d| d.page_of(s as usize));
            quote_line(&mut out, st, md, "        ", &quote, "", doc, page, (s, e));
        }
    }
    out
}

fn event_json(ev: &StoredEvent, cited: &Cited) -> Json {
    let r = &ev.record;
    json!({
        "id": ev.id, "kind": ev.kind.as_str(), "place": r["place"]["name"].as_str(),
        "when": event_when(r), "claimed": r["claimed"].as_bool() == Some(true),
        "perpetrators": ev.perpetrators.iter().map(|p| name_of(cited, p)).collect::<Vec<_>>(),
        "casualties_compatible": r["casualties_compatible"].as_bool() != Some(false),
        "reports": reports(ev).iter().map(|rep| {
            let rr = rep.record;
            let doc = field(rr, "doc");
            let text = cited.docs.get(doc);
            json!({"doc": doc, "outlet": rr.get("outlet"), "killed": q(rr.get("killed")), "wounded": q(rr.get("wounded")),
                   "killed_or_wounded": q(rr.get("killed_or_wounded")),
                   "quotes": rep.spans.iter().map(|&(s, e)| {
                       text.and_then(|d| d.text.get(s as usize..e as usize)).unwrap_or_default()
                   }).collect::<Vec<_>>()})
        }).collect::<Vec<_>>(),
    })
}

/// One side of a disagreement, for the views.
fn side_json(c: &StoredClaimRecord) -> Json {
    let l = claim_line(c);
    json!({"claim": l.claim_id, "value": l.value, "when": l.when, "source": l.source,
           "modality": l.modality, "outlet": l.outlet, "published": l.published,
           "quote": l.quote, "doc": l.doc, "span": [l.span.0, l.span.1]})
}

fn side_text(out: &mut String, c: &StoredClaimRecord, st: &Style, md: bool) {
    let l = claim_line(c);
    let denied = if l.modality == "denied" { "not " } else { "" };
    let _ = writeln!(
        out,
        "  {} {}{} — {} · source: {} · {} {}",
        if md { "-" } else { "•" },
        denied,
        st.bold(&l.value),
        l.when,
        l.source,
        l.outlet,
        l.published
    );
    quote_line(out, st, md, "    ", &l.quote, "", &l.doc, l.page, l.span);
}

/// A finding as the conflicts view lists it.
pub struct Dispute {
    /// Subject entity id.
    pub subject: String,
    /// Its name.
    pub subject_name: String,
    /// Predicate.
    pub predicate: Predicate,
    /// Verdict.
    pub verdict: Verdict,
    /// One sentence citing the sources.
    pub summary: String,
    /// Distinct sources.
    pub sources: Vec<String>,
    /// Independent sources.
    pub citations: usize,
    /// Claims it groups.
    pub claims: usize,
    /// Disagreeing claim pairs, by claim id.
    pub pairs: Vec<(String, String)>,
    /// Significance.
    pub significance: f64,
}

impl Dispute {
    /// The conflicts view's order: conflicts first, the most significant,
    /// then the most independent sources, then by name and predicate.
    pub fn disputed_order(a: &Dispute, b: &Dispute) -> std::cmp::Ordering {
        a.verdict
            .cmp(&b.verdict)
            .then(b.significance.total_cmp(&a.significance))
            .then(b.citations.cmp(&a.citations))
            .then(a.subject_name.cmp(&b.subject_name))
            .then(a.predicate.cmp(&b.predicate))
    }

    /// The order of what sources agree on: by verdict, the most distinct
    /// sources, the most claims, then by subject and predicate (the
    /// findings list's order).
    pub fn consistent_order(a: &Dispute, b: &Dispute) -> std::cmp::Ordering {
        a.verdict
            .cmp(&b.verdict)
            .then(b.sources.len().cmp(&a.sources.len()))
            .then(b.claims.cmp(&a.claims))
            .then(a.subject.cmp(&b.subject))
            .then(a.predicate.cmp(&b.predicate))
    }
}

/// What the conflicts view shows.
#[derive(Default)]
pub struct Disputes {
    /// The entity it is about, when one is named.
    pub scope: Option<String>,
    /// Conflicts (and changes over time, when asked), in view order.
    pub disputed: Vec<Dispute>,
    /// The claims their pairs cite.
    pub claims: Vec<StoredClaimRecord>,
    /// How many findings were checked.
    pub checked: usize,
    /// The first of the findings with several independent sources that
    /// agree or are compatible.
    pub consistent: Vec<Dispute>,
    /// How many such findings there are in all.
    pub consistent_total: usize,
    /// Events whose casualty figures disagree.
    pub events: Vec<StoredEvent>,
    /// What those events quote.
    pub cited: Cited,
}

/// How many consistent findings the conflicts view lists.
pub const CONSISTENT_SHOWN: usize = 20;

/// `dossier conflicts [NAME]`.
pub fn conflicts(d: &Disputes, changes: bool, format: ViewFormat, color: bool) -> Result<String> {
    let st = Style { color: color && format == ViewFormat::Table };
    let claims = by_id(&d.claims);
    let pair = |a: &str, b: &str| Some((*claims.get(a)?, *claims.get(b)?));
    if format == ViewFormat::Json {
        let v = json!({
            "findings": d.disputed.iter().map(|f| {
                json!({"subject": f.subject, "subject_name": f.subject_name, "predicate": f.predicate.as_str(),
                       "verdict": f.verdict.as_str(), "significance": f.significance, "summary": f.summary,
                       "pairs": f.pairs.iter().filter_map(|(a, b)| pair(a, b)).map(|(a, b)| json!([side_json(a), side_json(b)])).collect::<Vec<_>>(),
                       "sources": f.sources})
            }).collect::<Vec<_>>(),
            "events": d.events.iter().map(|ev| event_json(ev, &d.cited)).collect::<Vec<_>>(),
        });
        return Ok(serde_json::to_string_pretty(&v)? + "\n");
    }
    let md = format == ViewFormat::Markdown;
    let mut out = String::new();
    let scope = match &d.scope {
        Some(name) => format!(" about {name}"),
        None => String::new(),
    };
    let what = if changes { "Disagreements and changes over time" } else { "Conflicts" };
    if md {
        let _ = writeln!(out, "# {what}{scope}\n");
    } else {
        let _ = writeln!(out, "{}", st.bold(&format!("{what}{scope}")));
    }
    if d.disputed.is_empty() && d.events.is_empty() {
        let _ = writeln!(
            out,
            "No sources disagree ({} claim group{} checked).",
            d.checked,
            if d.checked == 1 { "" } else { "s" }
        );
        return Ok(out);
    }
    for (n, f) in d.disputed.iter().enumerate() {
        let title =
            format!("{}. {} — {}", n + 1, f.subject_name, f.predicate.as_str().replace('_', " "));
        if md {
            let _ = writeln!(out, "\n## {title} ({})\n", f.verdict.as_str());
        } else {
            let _ = writeln!(out, "\n{} [{}]", st.bold(&title), st.verdict(f.verdict));
        }
        let _ = writeln!(out, "{}", f.summary);
        for (k, (a, b)) in f.pairs.iter().enumerate() {
            if f.pairs.len() > 1 {
                let _ = writeln!(out, "{}Pair {}:", if md { "\n" } else { "" }, k + 1);
            }
            if let Some((a, b)) = pair(a, b) {
                side_text(&mut out, a, &st, md);
                side_text(&mut out, b, &st, md);
            }
        }
    }
    // What was checked and found consistent (founding dates that refine each other...).
    if !d.consistent.is_empty() {
        if md {
            let _ = writeln!(out, "\n## Consistent across sources\n");
        } else {
            let _ = writeln!(out, "\n{}", st.bold("CONSISTENT ACROSS SOURCES"));
        }
        for f in d.consistent.iter().take(CONSISTENT_SHOWN) {
            let _ = writeln!(
                out,
                "  {} {} — {} [{}]: {}",
                if md { "-" } else { "✓" },
                f.subject_name,
                f.predicate.as_str(),
                st.verdict(f.verdict),
                f.summary
            );
        }
        if d.consistent_total > CONSISTENT_SHOWN {
            let _ = writeln!(out, "  … and {} more", d.consistent_total - CONSISTENT_SHOWN);
        }
    }
    if !d.events.is_empty() {
        if md {
            let _ = writeln!(out, "\n## Events whose casualty figures disagree\n");
        } else {
            let _ = writeln!(out, "\n{}", st.bold("EVENTS WHOSE CASUALTY FIGURES DISAGREE"));
        }
        for ev in &d.events {
            out.push_str(&event_text(ev, &d.cited, &st, md));
        }
    }
    Ok(out)
}

/// `dossier timeline NAME`.
pub fn timeline(d: &EntityDossier, format: ViewFormat, color: bool) -> Result<String> {
    let st = Style { color: color && format == ViewFormat::Table };
    let rows = timeline_rows(d);
    let day = |x: Option<chrono::NaiveDate>| x.map(|d| d.to_string()).unwrap_or_else(|| "…".into());
    let ent = &d.entity;
    let mut out = String::new();
    match format {
        ViewFormat::Json => {
            let v: Vec<_> = rows
                .iter()
                .map(|r| {
                    json!({"start": r.start.map(|x| x.to_string()), "end": r.end.map(|x| x.to_string()),
                           "granularity": r.granularity, "type": r.kind, "label": r.label, "what": r.what,
                           "source": r.source, "quote": r.quote})
                })
                .collect();
            out = serde_json::to_string_pretty(
                &json!({"entity": ent.id, "name": ent.name, "rows": v}),
            )?;
            out.push('\n');
        }
        ViewFormat::Markdown => {
            let _ = writeln!(out, "# Timeline of {}\n", ent.name);
            out.push_str(
                "| start | end | granularity | type | what | source |\n|---|---|---|---|---|---|\n",
            );
            for r in &rows {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} {} | {} | {} |",
                    day(r.start),
                    day(r.end),
                    r.granularity,
                    r.kind,
                    r.label,
                    r.what.replace('|', "\\|"),
                    r.source.replace('|', "\\|")
                );
            }
        }
        ViewFormat::Table => {
            let _ = writeln!(out, "{}", st.bold(&format!("Timeline of {}", ent.name)));
            let _ =
                writeln!(out, "{:<10} {:<10} {:<8} {:<22} DETAIL", "START", "END", "GRAIN", "WHAT");
            for r in &rows {
                let _ = writeln!(
                    out,
                    "{:<10} {:<10} {:<8} {:<22} {} — {}",
                    day(r.start),
                    day(r.end),
                    r.granularity,
                    format!("{} {}", if r.kind == "event" { "◆" } else { "•" }, r.label),
                    st.bold(&r.what),
                    st.dim(&r.source)
                );
            }
            let _ = writeln!(out, "{} dated items", rows.len());
        }
    }
    Ok(out)
}

/// `dossier sources NAME`: outlet -> attributed source -> claims. `about`
/// holds every claim about the entity in corpus order, `findings` its
/// findings.
pub fn sources(
    ent: &StoredEntity,
    about: &[StoredClaimRecord],
    findings: &[dossier_core::reconcile::StoredFinding],
    format: ViewFormat,
    color: bool,
) -> Result<String> {
    let st = Style { color: color && format == ViewFormat::Table };
    // outlet -> source -> claim lines
    let mut tree: BTreeMap<String, BTreeMap<String, Vec<ClaimLine>>> = BTreeMap::new();
    for c in about {
        let l = claim_line(c);
        let src = c
            .record
            .get("source")
            .and_then(Json::as_str)
            .unwrap_or("(the outlet itself)")
            .to_string();
        tree.entry(format!("{} ({})", l.outlet, l.published))
            .or_default()
            .entry(src)
            .or_default()
            .push(l);
    }
    // Sources several outlets cite: counted once in the verdicts.
    let mut shared: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in findings {
        for c in &f.citations {
            if !c.outlet_itself && c.outlets.len() > 1 {
                let v = shared.entry(c.source.clone()).or_default();
                for o in &c.outlets {
                    if !v.contains(o) {
                        v.push(o.clone());
                    }
                }
            }
        }
    }
    let mut out = String::new();
    if format == ViewFormat::Json {
        let v = json!({
            "entity": ent.id, "name": ent.name,
            "outlets": tree.iter().map(|(o, srcs)| json!({
                "outlet": o,
                "sources": srcs.iter().map(|(s, lines)| json!({
                    "source": s,
                    "claims": lines.iter().map(|l| json!({"id": l.claim_id, "value": l.value, "when": l.when,
                        "modality": l.modality, "quote": l.quote})).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "shared_sources": shared.iter().map(|(s, o)| json!({"source": s, "outlets": o})).collect::<Vec<_>>(),
        });
        return Ok(serde_json::to_string_pretty(&v)? + "\n");
    }
    let md = format == ViewFormat::Markdown;
    if md {
        let _ = writeln!(out, "# Who said what about {}\n", ent.name);
    } else {
        let _ = writeln!(out, "{}", st.bold(&format!("Who said what about {}", ent.name)));
    }
    for (outlet, srcs) in &tree {
        if md {
            let _ = writeln!(out, "\n## {outlet}\n");
        } else {
            let _ = writeln!(out, "\n{}", st.bold(outlet));
        }
        for (src, lines) in srcs {
            let _ = writeln!(
                out,
                "{}{}",
                if md { "- **" } else { "  " },
                if md { format!("{src}**") } else { st.bold(src) }
            );
            for l in lines {
                let _ = writeln!(
                    out,
                    "{}{}: {} ({}, {})",
                    if md { "  - " } else { "    • " },
                    l.predicate.as_str(),
                    l.value,
                    l.when,
                    l.modality
                );
                let _ = writeln!(
                    out,
                    "{}{}",
                    if md { "    > " } else { "      “" },
                    st.dim(&format!("{}{}", l.quote, if md { "" } else { "”" }))
                );
            }
        }
    }
    if !shared.is_empty() {
        if md {
            let _ = writeln!(out, "\n## Sources counted once\n");
        } else {
            let _ = writeln!(out, "\n{}", st.bold("SOURCES COUNTED ONCE"));
        }
        for (s, o) in &shared {
            let _ = writeln!(out, "  {s}: cited by {}", o.join(", "));
        }
    }
    Ok(out)
}
