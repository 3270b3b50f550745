//! Views: the entity table and the profile, as text, Markdown or JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::Result;
use dossier_core::export::report::{short_quote, timeline_rows, EntityDossier};
use dossier_core::reconcile::{source_of, value_text, Finding, Reconciled, Verdict};
use dossier_core::{Annotated, EntityKind, Predicate};
use serde_json::json;

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

fn docs_of(rec: &Reconciled, e: usize) -> usize {
    rec.entities[e].members.iter().map(|m| m.0).collect::<std::collections::BTreeSet<_>>().len()
}

/// `dossier entities`.
pub fn entities(
    docs: &[Annotated],
    rec: &Reconciled,
    kind: Option<&str>,
    format: ViewFormat,
) -> Result<String> {
    let _ = docs;
    if let Some(k) = kind {
        if !["group", "organization", "person", "place", "nationality", "other"].contains(&k) {
            anyhow::bail!(
                "unknown kind `{k}`: use group, organization, person, place, nationality or other"
            );
        }
    }
    let mut rows: Vec<usize> = (0..rec.entities.len())
        .filter(|&i| kind.is_none_or(|k| rec.entities[i].kind.as_str() == k))
        .collect();
    let claims_of = |i: usize| rec.claims.iter().filter(|c| c.subject == i).count();
    rows.sort_by_key(|&i| {
        (
            kind_order(rec.entities[i].kind),
            std::cmp::Reverse(docs_of(rec, i)),
            std::cmp::Reverse(claims_of(i)),
            rec.entities[i].name.clone(),
        )
    });
    let mut out = String::new();
    match format {
        ViewFormat::Json => {
            let v: Vec<_> = rows
                .iter()
                .map(|&i| {
                    let e = &rec.entities[i];
                    json!({"id": e.id, "kind": e.kind.as_str(), "name": e.name, "aliases": e.aliases, "documents": docs_of(rec, i), "claims": claims_of(i)})
                })
                .collect();
            out = serde_json::to_string_pretty(&v)?;
            out.push('\n');
        }
        ViewFormat::Markdown => {
            out.push_str(
                "| kind | name | aliases | docs | claims | id |\n|---|---|---|---|---|---|\n",
            );
            for &i in &rows {
                let e = &rec.entities[i];
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | `{}` |",
                    e.kind.as_str(),
                    e.name,
                    e.aliases.join(", "),
                    docs_of(rec, i),
                    claims_of(i),
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
            for &i in &rows {
                let e = &rec.entities[i];
                let name: String = e.name.chars().take(42).collect();
                let aliases = short_quote(&e.aliases.join(", "), 60);
                let _ = writeln!(
                    out,
                    "{:<13} {:<42} {:>4} {:>6}  {}",
                    e.kind.as_str(),
                    name,
                    docs_of(rec, i),
                    claims_of(i),
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
    predicate: dossier_core::Predicate,
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

fn claim_line(docs: &[Annotated], rec: &Reconciled, c: usize) -> ClaimLine {
    let cc = &rec.claims[c];
    let a = &docs[cc.doc];
    let cl = &a.claims[cc.idx];
    let when = match &cl.when {
        Some(w) => match &w.interval {
            Some(i) if w.text == "publication date" => {
                format!("as of publication ({})", i.display())
            }
            Some(i) => format!("{} ({})", w.text, i.display()),
            None => w.text.clone(),
        },
        None => "not stated".into(),
    };
    ClaimLine {
        predicate: cl.predicate,
        value: value_text(docs, &rec.entities, cc),
        when,
        source: source_of(a, cl),
        modality: cl.modality.as_str().to_string(),
        status: cl.status.clone(),
        outlet: a.doc.source.clone().unwrap_or_else(|| "unknown outlet".into()),
        published: a.doc.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()),
        quote: short_quote(cl.span.slice(&a.doc.text), 220),
        doc: a.doc.id.clone(),
        page: a.doc.page_of(cl.span.start()),
        span: (cl.span.start, cl.span.end),
        claim_id: cc.id.clone(),
    }
}

/// `dossier profile`.
pub fn profile(
    docs: &[Annotated],
    rec: &Reconciled,
    e: usize,
    format: ViewFormat,
    color: bool,
) -> Result<String> {
    let ent = &rec.entities[e];
    let st = Style { color: color && format == ViewFormat::Table };
    let findings: Vec<&Finding> = {
        let mut f: Vec<&Finding> = rec.findings.iter().filter(|f| f.subject == e).collect();
        f.sort_by_key(|f| Predicate::ALL.iter().position(|p| *p == f.predicate));
        f
    };
    let events: Vec<usize> = (0..rec.events.len())
        .filter(|&i| rec.events[i].perpetrators.contains(&e) || rec.events[i].place == Some(e))
        .collect();
    if format == ViewFormat::Json {
        let v = json!({
            "id": ent.id, "kind": ent.kind.as_str(), "name": ent.name, "aliases": ent.aliases, "evidence": ent.evidence,
            "documents": docs_of(rec, e),
            "findings": findings.iter().map(|f| json!({
                "predicate": f.predicate.as_str(), "verdict": f.verdict.as_str(), "summary": f.summary,
                "claims": f.claims.iter().map(|&c| {
                    let l = claim_line(docs, rec, c);
                    json!({"id": l.claim_id, "value": l.value, "when": l.when, "source": l.source, "modality": l.modality,
                           "status": l.status, "outlet": l.outlet, "published": l.published, "quote": l.quote,
                           "doc": l.doc, "span": [l.span.0, l.span.1]})
                }).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "events": events.iter().map(|&i| event_json(docs, rec, i)).collect::<Vec<_>>(),
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
    let n_docs = docs_of(rec, e);
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
    let disputed: Vec<&&Finding> = findings
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
        for &c in &f.claims {
            let l = claim_line(docs, rec, c);
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
    if events.is_empty() {
        let _ = writeln!(out, "  (no events linked to this entity)");
    }
    for i in events {
        out.push_str(&event_text(docs, rec, i, &st, md));
    }
    Ok(out)
}

fn q(q: &Option<dossier_core::Quantity>) -> Option<String> {
    q.as_ref().map(|q| q.display())
}

fn event_text(docs: &[Annotated], rec: &Reconciled, i: usize, st: &Style, md: bool) -> String {
    let ev = &rec.events[i];
    let mut out = String::new();
    let place =
        ev.place.map(|p| rec.entities[p].name.clone()).unwrap_or_else(|| "place not stated".into());
    let when = ev.when.as_ref().map(|w| w.display()).unwrap_or_else(|| "date not stated".into());
    let mut perps: Vec<String> =
        ev.perpetrators.iter().map(|&p| rec.entities[p].name.clone()).collect();
    if let Some((_, a)) = ev.described_actor(docs) {
        perps.push(a.text.clone());
    }
    let _ = writeln!(
        out,
        "  • {} at {} on {}{}{}",
        st.bold(ev.kind.as_str()),
        place,
        when,
        if perps.is_empty() { String::new() } else { format!(" — by {}", perps.join(", ")) },
        if ev.claimed { " (responsibility claimed)" } else { "" }
    );
    let _ = writeln!(
        out,
        "      {} report{}; casualty figures {}",
        ev.reports.len(),
        if ev.reports.len() == 1 { "" } else { "s" },
        if ev.casualties_compatible { "compatible" } else { "CONFLICT" }
    );
    for &(d, e) in &ev.reports {
        let a = &docs[d];
        let r = &a.events[e];
        let mut figs = Vec::new();
        if let Some(k) = q(&r.killed) {
            figs.push(format!("killed {k}"));
        }
        if let Some(w) = q(&r.wounded) {
            figs.push(format!("wounded {w}"));
        }
        if let Some(kw) = q(&r.killed_or_wounded) {
            figs.push(format!("killed or wounded {kw}"));
        }
        let victims: Vec<String> = r
            .victims
            .iter()
            .map(|v| {
                format!("{} {} {}", v.count.display(), v.description, v.outcome.replace('_', " "))
            })
            .collect();
        let outlet = a.doc.source.clone().unwrap_or_else(|| "unknown outlet".into());
        let when = r.when.as_ref().map(|w| w.text.clone()).unwrap_or_default();
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
        for s in &r.spans {
            let quote = short_quote(s.slice(&a.doc.text), 200);
            let page = a.doc.page_of(s.start());
            quote_line(&mut out, st, md, "        ", &quote, "", &a.doc.id, page, (s.start, s.end));
        }
    }
    out
}

fn event_json(docs: &[Annotated], rec: &Reconciled, i: usize) -> serde_json::Value {
    let ev = &rec.events[i];
    json!({
        "id": ev.id, "kind": ev.kind.as_str(), "place": ev.place.map(|p| rec.entities[p].name.clone()),
        "when": ev.when.as_ref().map(|w| w.display()), "claimed": ev.claimed,
        "perpetrators": ev.perpetrators.iter().map(|&p| rec.entities[p].name.clone()).collect::<Vec<_>>(),
        "casualties_compatible": ev.casualties_compatible,
        "reports": ev.reports.iter().map(|&(d, e)| {
            let r = &docs[d].events[e];
            json!({"doc": docs[d].doc.id, "outlet": docs[d].doc.source, "killed": q(&r.killed), "wounded": q(&r.wounded),
                   "killed_or_wounded": q(&r.killed_or_wounded),
                   "quotes": r.spans.iter().map(|s| s.slice(&docs[d].doc.text)).collect::<Vec<_>>()})
        }).collect::<Vec<_>>(),
    })
}

/// One side of a disagreement, for the views.
fn side_json(docs: &[Annotated], rec: &Reconciled, c: usize) -> serde_json::Value {
    let l = claim_line(docs, rec, c);
    json!({"claim": l.claim_id, "value": l.value, "when": l.when, "source": l.source,
           "modality": l.modality, "outlet": l.outlet, "published": l.published,
           "quote": l.quote, "doc": l.doc, "span": [l.span.0, l.span.1]})
}

fn side_text(
    out: &mut String,
    docs: &[Annotated],
    rec: &Reconciled,
    c: usize,
    st: &Style,
    md: bool,
) {
    let l = claim_line(docs, rec, c);
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

/// `dossier conflicts [NAME]`.
pub fn conflicts(
    docs: &[Annotated],
    rec: &Reconciled,
    e: Option<usize>,
    changes: bool,
    format: ViewFormat,
    color: bool,
) -> Result<String> {
    let st = Style { color: color && format == ViewFormat::Table };
    let list = rec.disagreements(e, changes);
    let events: Vec<usize> = (0..rec.events.len())
        .filter(|&i| {
            let ev = &rec.events[i];
            !ev.casualties_compatible
                && e.is_none_or(|e| ev.perpetrators.contains(&e) || ev.place == Some(e))
        })
        .collect();
    if format == ViewFormat::Json {
        let v = json!({
            "findings": list.iter().map(|&i| {
                let f = &rec.findings[i];
                let ent = &rec.entities[f.subject];
                json!({"subject": ent.id, "subject_name": ent.name, "predicate": f.predicate.as_str(),
                       "verdict": f.verdict.as_str(), "significance": f.significance, "summary": f.summary,
                       "pairs": f.pairs.iter().map(|&(a, b)| json!([side_json(docs, rec, a), side_json(docs, rec, b)])).collect::<Vec<_>>(),
                       "sources": f.sources})
            }).collect::<Vec<_>>(),
            "events": events.iter().map(|&i| event_json(docs, rec, i)).collect::<Vec<_>>(),
        });
        return Ok(serde_json::to_string_pretty(&v)? + "\n");
    }
    let md = format == ViewFormat::Markdown;
    let mut out = String::new();
    let scope = match e {
        Some(e) => format!(" about {}", rec.entities[e].name),
        None => String::new(),
    };
    let what = if changes { "Disagreements and changes over time" } else { "Conflicts" };
    if md {
        let _ = writeln!(out, "# {what}{scope}\n");
    } else {
        let _ = writeln!(out, "{}", st.bold(&format!("{what}{scope}")));
    }
    if list.is_empty() && events.is_empty() {
        let checked = rec.findings.iter().filter(|f| e.is_none_or(|e| f.subject == e)).count();
        let _ = writeln!(
            out,
            "No sources disagree ({checked} claim group{} checked).",
            if checked == 1 { "" } else { "s" }
        );
        return Ok(out);
    }
    for (n, &i) in list.iter().enumerate() {
        let f = &rec.findings[i];
        let ent = &rec.entities[f.subject];
        let title = format!("{}. {} — {}", n + 1, ent.name, f.predicate.as_str().replace('_', " "));
        if md {
            let _ = writeln!(out, "\n## {title} ({})\n", f.verdict.as_str());
        } else {
            let _ = writeln!(out, "\n{} [{}]", st.bold(&title), st.verdict(f.verdict));
        }
        let _ = writeln!(out, "{}", f.summary);
        for (k, &(a, b)) in f.pairs.iter().enumerate() {
            if f.pairs.len() > 1 {
                let _ = writeln!(out, "{}Pair {}:", if md { "\n" } else { "" }, k + 1);
            }
            side_text(&mut out, docs, rec, a, &st, md);
            side_text(&mut out, docs, rec, b, &st, md);
        }
    }
    // What was checked and found consistent (founding dates that refine each other...).
    let consistent: Vec<&Finding> = rec
        .findings
        .iter()
        .filter(|f| {
            e.is_none_or(|e| f.subject == e)
                && matches!(f.verdict, Verdict::Compatible | Verdict::Agree)
                && f.citations.len() > 1
        })
        .collect();
    if !consistent.is_empty() {
        if md {
            let _ = writeln!(out, "\n## Consistent across sources\n");
        } else {
            let _ = writeln!(out, "\n{}", st.bold("CONSISTENT ACROSS SOURCES"));
        }
        for f in consistent.iter().take(20) {
            let _ = writeln!(
                out,
                "  {} {} — {} [{}]: {}",
                if md { "-" } else { "✓" },
                rec.entities[f.subject].name,
                f.predicate.as_str(),
                st.verdict(f.verdict),
                f.summary
            );
        }
        if consistent.len() > 20 {
            let _ = writeln!(out, "  … and {} more", consistent.len() - 20);
        }
    }
    if !events.is_empty() {
        if md {
            let _ = writeln!(out, "\n## Events whose casualty figures disagree\n");
        } else {
            let _ = writeln!(out, "\n{}", st.bold("EVENTS WHOSE CASUALTY FIGURES DISAGREE"));
        }
        for i in events {
            out.push_str(&event_text(docs, rec, i, &st, md));
        }
    }
    Ok(out)
}

/// `dossier timeline NAME`.
pub fn timeline(
    docs: &[Annotated],
    rec: &Reconciled,
    e: usize,
    format: ViewFormat,
    color: bool,
) -> Result<String> {
    let st = Style { color: color && format == ViewFormat::Table };
    let rows = timeline_rows(&EntityDossier::of_view(docs, rec, e));
    let d = |x: Option<chrono::NaiveDate>| x.map(|d| d.to_string()).unwrap_or_else(|| "…".into());
    let ent = &rec.entities[e];
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
                    d(r.start),
                    d(r.end),
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
                    d(r.start),
                    d(r.end),
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

/// `dossier sources NAME`: outlet -> attributed source -> claims.
pub fn sources(
    docs: &[Annotated],
    rec: &Reconciled,
    e: usize,
    format: ViewFormat,
    color: bool,
) -> Result<String> {
    let st = Style { color: color && format == ViewFormat::Table };
    let ent = &rec.entities[e];
    // outlet -> source -> claim lines
    let mut tree: BTreeMap<String, BTreeMap<String, Vec<ClaimLine>>> = BTreeMap::new();
    for (ci, cc) in rec.claims.iter().enumerate() {
        if cc.subject != e {
            continue;
        }
        let l = claim_line(docs, rec, ci);
        let c = rec.claim(docs, ci);
        let src = c.source.clone().unwrap_or_else(|| "(the outlet itself)".into());
        tree.entry(format!("{} ({})", l.outlet, l.published))
            .or_default()
            .entry(src)
            .or_default()
            .push(l);
    }
    // Sources several outlets cite: counted once in the verdicts.
    let mut shared: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for &fi in &rec.findings_of(e) {
        for c in &rec.findings[fi].citations {
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
