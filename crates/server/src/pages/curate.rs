//! Curation: the forms that merge two entities, split a name off one, or
//! remove a document (each behind the write token and a confirmation, sent
//! by `app.js` to the API), and the decisions page that lists what was
//! decided, when, and whether it changed anything.

use std::collections::HashMap;
use std::fmt::Write;

use axum::extract::State;
use axum::response::Html;

use super::stored::{entity_link, Names};
use crate::error::AppResult;
use crate::html::{esc, page, seg, Nav};
use crate::state::AppState;
use dossier_core::reconcile::StoredEntity;

/// The fields every write form carries: the token (filled from the tab's
/// stored token by `app.js`) and, where the decisions page records it, the
/// name of who decides (remembered for the tab too).
fn token_field(b: &mut String, id: &str) {
    let _ = write!(
        b,
        "<label for=\"{id}\">Token</label> <input id=\"{id}\" name=\"token\" type=\"password\" \
         autocomplete=\"off\" size=\"24\" class=\"token\">"
    );
}

/// The "your name" field of the forms whose decisions are listed with who
/// made them.
fn who_field(b: &mut String, id: &str) {
    let _ = write!(
        b,
        " <label for=\"{id}\">Your name</label> <input id=\"{id}\" name=\"who\" size=\"14\" \
         maxlength=\"100\" autocomplete=\"name\" class=\"who\">"
    );
}

/// The merge and split forms of entity `en`; `candidates` (id and name)
/// are offered to merge with.
pub fn entity_forms(b: &mut String, en: &StoredEntity, candidates: &[(String, String)]) {
    b.push_str(
        "<details class=\"curate\" id=\"curate\"><summary>Merge or split (needs the token)</summary>",
    );
    let _ = write!(
        b,
        "<form class=\"write\" id=\"merge\" data-method=\"POST\" data-url=\"/api/v1/decisions\" \
         data-next=\"/decisions\" data-confirm=\"Merge {name} with the entity you named? Every page \
         will show them as one; the decisions page lists it.\">\
         <input type=\"hidden\" name=\"kind\" value=\"merge\"><input type=\"hidden\" name=\"a\" value=\"{id}\">\
         <p><label for=\"merge-b\">Merge with (entity id)</label> \
         <input id=\"merge-b\" name=\"b\" required size=\"32\" placeholder=\"group:…\" list=\"merge-ids\"> ",
        name = esc(&en.name),
        id = esc(&en.id)
    );
    // Likely candidates: entities of the same kind that share a word.
    b.push_str("<datalist id=\"merge-ids\">");
    for (id, name) in candidates.iter().take(30) {
        let _ = write!(b, "<option value=\"{}\">{}</option>", esc(id), esc(name));
    }
    b.push_str("</datalist>");
    token_field(b, "merge-token");
    who_field(b, "merge-who");
    b.push_str(" <button type=\"submit\">Merge</button></p><p class=\"out\" aria-live=\"polite\"></p></form>");
    if !en.aliases.is_empty() {
        let _ = write!(
            b,
            "<form class=\"write\" id=\"split\" data-method=\"POST\" data-url=\"/api/v1/decisions\" \
             data-next=\"/decisions\" data-confirm=\"Split the chosen name off {name}? Mentions by that \
             name become an entity of their own.\">\
             <input type=\"hidden\" name=\"kind\" value=\"split\"><input type=\"hidden\" name=\"a\" value=\"{id}\">\
             <p><label for=\"split-b\">Split off the name</label> <select id=\"split-b\" name=\"b\">",
            name = esc(&en.name),
            id = esc(&en.id)
        );
        for a in &en.aliases {
            let _ = write!(b, "<option>{}</option>", esc(a));
        }
        b.push_str("</select> ");
        token_field(b, "split-token");
        who_field(b, "split-who");
        b.push_str(
            " <button type=\"submit\">Split</button></p><p class=\"out\" aria-live=\"polite\"></p></form>",
        );
    }
    b.push_str("<p class=\"muted\"><a href=\"/decisions\">Every decision so far</a></p></details>");
}

/// The remove form of document `d`.
pub fn document_form(b: &mut String, id: &str, label: &str) {
    let _ = write!(
        b,
        "<details class=\"curate\"><summary>Remove this document (needs the token)</summary>\
         <form class=\"write\" id=\"remove\" data-method=\"DELETE\" data-url=\"/api/v1/documents/{}\" \
         data-next=\"/documents\" data-confirm=\"Remove “{}” from the database? Its claims and events \
         go with it.\"><p>",
        seg(id),
        esc(label)
    );
    token_field(b, "remove-token");
    b.push_str(
        " <button type=\"submit\">Remove</button></p><p class=\"out\" aria-live=\"polite\"></p></form></details>",
    );
}

/// `GET /decisions`: the audit trail. Every merge and split, oldest
/// first: when, by whom, whether it changed anything, and its undo (a form
/// behind the token and a confirmation, or when and by whom it was undone).
pub async fn decisions(State(st): State<AppState>) -> AppResult<Html<String>> {
    let (list, unapplied, names, now) = st
        .read(|store| {
            let list = store.decisions()?;
            let unapplied = store.recon_unapplied(&list)?;
            let mut ids: Vec<String> =
                list.iter().flat_map(|d| [d.a.clone(), d.b.clone()]).collect();
            ids.sort();
            ids.dedup();
            let mut names: Names = super::stored::names(store, ids.iter().cloned())?;
            // An id a merge absorbed is no entity of its own: the entity
            // that now carries its catalog name, when one alone does.
            let mut now: HashMap<String, (String, String)> = HashMap::new();
            for id in ids.iter().filter(|id| !names.contains_key(*id)) {
                if let Some(en) = dossier_core::lexicon::LEXICON.by_id(id) {
                    now.insert(id.clone(), (en.name.clone(), carrier(store, &en.name)?));
                }
            }
            names.extend(super::stored::names(store, now.values().map(|(_, c)| c.clone()))?);
            Ok((list, unapplied, names, now))
        })
        .await?;
    let mut b = String::from(
        "<h1>Decisions</h1><p class=\"muted\">Merges and splits made by hand (on an entity page, \
         with <code>dossier merge</code>, or through the API), oldest first. They are kept in the \
         database and applied every time the corpus is reconciled. An undone decision stays \
         listed, with who undid it and when, and is no longer applied.</p>",
    );
    b.push_str(
        "<div class=\"tablewrap\"><table class=\"decisions\"><thead><tr><th scope=\"col\">#</th>\
         <th scope=\"col\">When (UTC)</th><th scope=\"col\">Who</th><th scope=\"col\">Decision</th>\
         <th scope=\"col\">Effect</th><th scope=\"col\">Undo</th></tr></thead><tbody>",
    );
    if list.is_empty() {
        b.push_str("<tr><td colspan=\"6\" class=\"muted\">No decision yet.</td></tr>");
    }
    let name = |b: &mut String, id: &str| {
        if names.contains_key(id) {
            return entity_link(b, &names, id, id);
        }
        match now.get(id) {
            Some((n, carrier)) if !carrier.is_empty() => {
                let _ = write!(b, "{} (now part of ", esc(n));
                entity_link(b, &names, carrier, carrier);
                b.push(')');
            }
            Some((n, _)) => {
                let _ = write!(b, "{} <code>{}</code>", esc(n), esc(id));
            }
            None => {
                let _ = write!(b, "<code>{}</code>", esc(id));
            }
        }
    };
    let who = |b: &mut String, w: &Option<String>| match w {
        Some(w) => {
            let _ = write!(b, "{}", esc(w));
        }
        None => b.push_str("<span class=\"muted\">not recorded</span>"),
    };
    for d in &list {
        let _ = write!(
            b,
            "<tr id=\"d{}\"{}><td data-label=\"#\">{}</td><td data-label=\"When (UTC)\">{}</td>\
             <td data-label=\"Who\">",
            d.id,
            if d.in_force() { "" } else { " class=\"undone\"" },
            d.id,
            esc(&utc(&d.created_at))
        );
        who(&mut b, &d.who);
        b.push_str("</td><td data-label=\"Decision\">");
        let what = match d.kind {
            dossier_store::DecisionKind::Merge => {
                b.push_str("merge ");
                name(&mut b, &d.a);
                b.push_str(" with ");
                name(&mut b, &d.b);
                format!("merge of {} with {}", d.a, d.b)
            }
            dossier_store::DecisionKind::Split => {
                let _ = write!(b, "split the name “{}” off ", esc(&d.b));
                name(&mut b, &d.a);
                format!("split of “{}” off {}", d.b, d.a)
            }
        };
        b.push_str("</td><td data-label=\"Effect\">");
        match (&d.undone, unapplied.get(&d.id)) {
            (Some(_), _) => b.push_str("<span class=\"muted\">none: undone</span>"),
            (None, Some(why)) => {
                let _ = write!(b, "<span class=\"muted\">changed nothing: {}</span>", esc(why));
            }
            (None, None) => b.push_str("applied"),
        }
        b.push_str("</td><td data-label=\"Undo\">");
        match &d.undone {
            Some(u) => {
                let _ = write!(b, "undone {} by ", esc(&utc(&u.at)));
                who(&mut b, &u.by);
            }
            None => {
                let _ = write!(
                    b,
                    "<form class=\"write undo\" id=\"undo-{id}\" data-method=\"POST\" \
                     data-url=\"/api/v1/decisions/{id}/undo\" data-next=\"/decisions\" \
                     data-confirm=\"Undo decision {id}, the {what}? It stays listed as undone, and \
                     every page shows the entities as reconciliation finds them without it.\"><p>",
                    id = d.id,
                    what = esc(&what)
                );
                token_field(&mut b, &format!("undo-token-{}", d.id));
                who_field(&mut b, &format!("undo-who-{}", d.id));
                b.push_str(
                    " <button type=\"submit\">Undo</button></p><p class=\"out\" aria-live=\"polite\"></p></form>",
                );
            }
        }
        b.push_str("</td></tr>");
    }
    b.push_str("</tbody></table></div>");
    Ok(Html(page("Decisions", Nav::None, &b)))
}

/// The id of the one stored entity that carries the name `name` (as its
/// name or an alias), or `""` when none or several do.
fn carrier(store: &dossier_store::Store, name: &str) -> AppResult<String> {
    let lex = &dossier_core::lexicon::LEXICON;
    let k = lex.key(name);
    let mut found = Vec::new();
    for e in store.recon_entities_page(name, None, 20, 0)? {
        let en = e.entity()?;
        if std::iter::once(&en.name).chain(&en.aliases).any(|n| lex.key(n) == k) {
            found.push(en.id);
        }
    }
    Ok(if found.len() == 1 { found.remove(0) } else { String::new() })
}

/// A stored UTC time (`YYYY-MM-DDTHH:MM:SSZ`) as the page shows it.
fn utc(t: &str) -> String {
    t.replace('T', " ").replace('Z', "")
}
