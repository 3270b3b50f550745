//! A leader's tenure as the reports date it, and the order of leaders by
//! tenure: shared by the finding summaries (`dossier profile`, the API) and
//! the web UI's leader lists, summaries and timeline.

use chrono::NaiveDate;

use super::CorpusClaim;
use crate::{Annotated, EntityKind, Mention, Value};

/// What a text says about a leader's tenure: the date after the leader's
/// name in the claim's own words ("Hafiz Saeed Khan ... was killed in July
/// 2016", "who took over in 2020"), up to the next other person named.
/// For a former leader it ends the tenure, for a current one it starts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tenure {
    /// Whether the claim says the leader is a former one.
    pub former: bool,
    /// The date the text gives, if any.
    pub date: Option<(NaiveDate, NaiveDate)>,
}

/// The tenure leader claim `c` states (see [`Tenure`]); it reads the
/// document's mentions, so a document loaded without them gives no date.
pub fn tenure(docs: &[Annotated], claims: &[CorpusClaim], c: usize) -> Tenure {
    let cc = &claims[c];
    let a = &docs[cc.doc];
    let cl = &a.claims[cc.idx];
    let former = cl.status.as_deref() == Some("former");
    let Value::Entity(who) = cl.value else { return Tenure { former, date: None } };
    let inside = |m: &Mention| m.span.start >= cl.span.start && m.span.end <= cl.span.end;
    let name_at =
        a.mentions.iter().filter(|m| inside(m) && m.entity == Some(who)).map(|m| m.span.end).next();
    let Some(from) = name_at else { return Tenure { former, date: None } };
    let mut date = None;
    for m in a.mentions.iter().filter(|m| inside(m) && m.span.start >= from) {
        let other_person = m.entity.is_some_and(|e| {
            e != who && a.entities.get(e).is_some_and(|x| x.kind == EntityKind::Person)
        });
        if other_person {
            break;
        }
        if let Some(Value::Time { interval: Some(i), .. }) = &m.value {
            if let (Some(x), Some(y)) = (i.start, i.end) {
                if (y - x).num_days() <= 400 {
                    date = Some((x, y));
                    break;
                }
            }
        }
    }
    Tenure { former, date }
}

/// The order of leaders by tenure: former leaders by the date their
/// tenure ended (those without one after them), then current ones by the
/// date they took over, else by the report's date.
pub fn tenure_key(
    docs: &[Annotated],
    claims: &[CorpusClaim],
    c: usize,
) -> (u8, Option<NaiveDate>, Option<NaiveDate>, usize) {
    let t = tenure(docs, claims, c);
    let published = docs[claims[c].doc].doc.published;
    match (t.former, t.date) {
        (true, Some((_, end))) => (0, Some(end), None, c),
        (true, None) => (1, None, None, c),
        (false, d) => (2, d.map(|d| d.0).or(published), published, c),
    }
}
