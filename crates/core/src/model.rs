//! The annotation model: what extraction finds in one document.
//!
//! Every item carries a [`Span`] into `Document::text`. Entities here are
//! document-local; reconciliation (`crate::reconcile`) merges them across
//! documents.

use serde::{Deserialize, Serialize};

use crate::{Document, Quantity, Span, TimeInterval};

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A non-state armed group or militant organization.
    Group,
    /// Any other organization (agency, think tank, government body, outlet).
    Organization,
    /// A person.
    Person,
    /// A country, province, city or facility.
    Place,
    /// A nationality, ethnic or religious group (Afghan, Hazara, Sufi).
    Nationality,
    /// A name of unknown kind.
    Other,
}

impl EntityKind {
    /// Kinds whose names may denote one entity share a class: groups,
    /// organizations and unknown names (an unknown name may be either); then
    /// people, places and nationalities, each on their own.
    pub fn merge_class(self) -> u8 {
        match self {
            EntityKind::Group | EntityKind::Organization | EntityKind::Other => 0,
            EntityKind::Person => 1,
            EntityKind::Place => 2,
            EntityKind::Nationality => 3,
        }
    }

    /// The name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Group => "group",
            EntityKind::Organization => "organization",
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Nationality => "nationality",
            EntityKind::Other => "other",
        }
    }
}

/// An entity as one document knows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocalEntity {
    /// Kind.
    pub kind: EntityKind,
    /// The fullest name the document uses.
    pub name: String,
    /// Every other name the document uses for it (in order of first use).
    pub aliases: Vec<String>,
    /// Catalog or gazetteer id when the name is a known one ("group:islamic-state-khorasan").
    pub catalog_id: Option<String>,
    /// Why the aliases were linked ("alias definition: X, or Y").
    pub evidence: Vec<String>,
}

/// What a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A name or a reference to an entity.
    Entity,
    /// A quantity.
    Quantity,
    /// A time expression.
    Time,
}

/// A stretch of text that names an entity, a quantity or a time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Where.
    pub span: Span,
    /// What sort of mention.
    pub kind: MentionKind,
    /// Index into `Annotated::entities` for entity mentions.
    pub entity: Option<usize>,
    /// The normalized value for quantities and times.
    pub value: Option<Value>,
}

/// The vocabulary of claim predicates (see ARCHITECTURE.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Predicate {
    /// When the group was founded or launched.
    Founded,
    /// When the group was first active.
    FirstActive,
    /// Who founded it.
    FoundedBy,
    /// Its leader (with a status in `Claim::status`).
    Leader,
    /// Its size.
    Strength,
    /// Where it is based.
    BasedIn,
    /// Where it operates.
    OperatesIn,
    /// The larger organization it belongs to.
    PartOf,
    /// An organization it is affiliated with.
    AffiliatedWith,
    /// An ally.
    AlliedWith,
    /// An enemy it fights.
    Opposes,
    /// What it targets.
    Targets,
    /// How many attacks it carried out in a period.
    AttackCount,
    /// Where its members come from.
    MemberOrigin,
    /// An event it claimed.
    ClaimedResponsibility,
    /// A person's role.
    Role,
    /// A person's group.
    MemberOf,
    /// A person's status (killed, captured, released).
    Status,
    /// The group it was before a change of name ("formerly known as X", "X
    /// was renamed"): a predecessor, never an alias.
    RenamedFrom,
    /// A group that merged into it or with it ("formed by the merger of X
    /// and Y", "merged with X").
    MergedFrom,
    /// The group it split from ("broke away from X", "a splinter faction of X").
    SplinterOf,
    /// An authority that listed it as a terrorist organization or outlawed
    /// it ("designated a terrorist organization by the United States in
    /// 2010", "proscribed in Britain"): the value is the authority, `when`
    /// the listing's date where the text gives it.
    Designated,
}

impl Predicate {
    /// Every predicate, in display order.
    pub const ALL: [Predicate; 22] = [
        Predicate::Founded,
        Predicate::FirstActive,
        Predicate::FoundedBy,
        Predicate::Leader,
        Predicate::Strength,
        Predicate::BasedIn,
        Predicate::OperatesIn,
        Predicate::PartOf,
        Predicate::AffiliatedWith,
        Predicate::AlliedWith,
        Predicate::Opposes,
        Predicate::Targets,
        Predicate::AttackCount,
        Predicate::MemberOrigin,
        Predicate::ClaimedResponsibility,
        Predicate::Role,
        Predicate::MemberOf,
        Predicate::Status,
        Predicate::RenamedFrom,
        Predicate::MergedFrom,
        Predicate::SplinterOf,
        Predicate::Designated,
    ];

    /// The name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Predicate::Founded => "founded",
            Predicate::FirstActive => "first_active",
            Predicate::FoundedBy => "founded_by",
            Predicate::Leader => "leader",
            Predicate::Strength => "strength",
            Predicate::BasedIn => "based_in",
            Predicate::OperatesIn => "operates_in",
            Predicate::PartOf => "part_of",
            Predicate::AffiliatedWith => "affiliated_with",
            Predicate::AlliedWith => "allied_with",
            Predicate::Opposes => "opposes",
            Predicate::Targets => "targets",
            Predicate::AttackCount => "attack_count",
            Predicate::MemberOrigin => "member_origin",
            Predicate::ClaimedResponsibility => "claimed_responsibility",
            Predicate::Role => "role",
            Predicate::MemberOf => "member_of",
            Predicate::Status => "status",
            Predicate::RenamedFrom => "renamed_from",
            Predicate::MergedFrom => "merged_from",
            Predicate::SplinterOf => "splinter_of",
            Predicate::Designated => "designated",
        }
    }

    /// Parses an export name.
    pub fn parse(s: &str) -> Option<Predicate> {
        Predicate::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// How sure the text is of a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Stated as fact by the outlet.
    Asserted,
    /// Attributed to a source ("according to", "X said").
    Reported,
    /// Hedged as belief ("it is believed", "is thought to").
    Believed,
    /// Claimed by an interested party ("claimed responsibility").
    Claimed,
    /// Expected ("expects", "will").
    Expected,
    /// Denied.
    Denied,
    /// Possible ("could", "may").
    Hypothetical,
}

impl Modality {
    /// The name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Reported => "reported",
            Modality::Believed => "believed",
            Modality::Claimed => "claimed",
            Modality::Expected => "expected",
            Modality::Denied => "denied",
            Modality::Hypothetical => "hypothetical",
        }
    }
}

/// A normalized value: of a mention or of a claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Value {
    /// Another entity (index into `Annotated::entities`).
    Entity(usize),
    /// A quantity with the counted thing.
    Quantity {
        /// The interval.
        quantity: Quantity,
        /// The counted thing ("fighters").
        unit: Option<String>,
    },
    /// A time interval, with the expression it was read from.
    Time {
        /// The interval; `None` when unresolved.
        interval: Option<TimeInterval>,
        /// The expression.
        text: String,
    },
    /// Free text.
    Text(String),
}

/// A time a claim is about, distinct from the publication date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct When {
    /// The interval; `None` when it cannot be resolved ("at one point").
    pub interval: Option<TimeInterval>,
    /// The words that set it ("currently", "at one point", "in 2019"),
    /// or "publication date" when no cue was found.
    pub text: String,
}

/// One attributed statement about an entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Subject: index into `Annotated::entities`.
    pub subject: usize,
    /// Predicate.
    pub predicate: Predicate,
    /// Value.
    pub value: Value,
    /// The time the claim is about.
    pub when: Option<When>,
    /// The attributed source ("a UN report issued last June"); `None` is the outlet itself.
    pub source: Option<String>,
    /// How sure.
    pub modality: Modality,
    /// Status qualifier: "current" or "former" for leaders, "killed" etc.
    pub status: Option<String>,
    /// The evidence: the sentence (or clause) the claim was read from.
    pub span: Span,
}

/// What sort of event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// An attack not otherwise specified.
    Attack,
    /// A bombing.
    Bombing,
    /// A suicide bombing.
    SuicideBombing,
    /// A shooting.
    Shooting,
    /// An ambush.
    Ambush,
    /// A raid.
    Raid,
    /// An assassination.
    Assassination,
    /// An execution.
    Execution,
    /// A kidnapping.
    Kidnapping,
    /// Rocket or mortar fire.
    Shelling,
    /// An armed clash.
    Clash,
    /// A prison break.
    PrisonBreak,
}

impl EventKind {
    /// The name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Attack => "attack",
            EventKind::Bombing => "bombing",
            EventKind::SuicideBombing => "suicide_bombing",
            EventKind::Shooting => "shooting",
            EventKind::Ambush => "ambush",
            EventKind::Raid => "raid",
            EventKind::Assassination => "assassination",
            EventKind::Execution => "execution",
            EventKind::Kidnapping => "kidnapping",
            EventKind::Shelling => "rocket_or_mortar_fire",
            EventKind::Clash => "clash",
            EventKind::PrisonBreak => "prison_break",
        }
    }

    /// ACLED's event type for the kind (see the table in ARCHITECTURE.md):
    /// "Battles", "Violence against civilians" or "Explosions/Remote
    /// violence". Riots and protests are not event kinds of their own; see
    /// `event_eval::acled_type`.
    pub fn acled_type(self) -> &'static str {
        match self {
            EventKind::Bombing | EventKind::SuicideBombing | EventKind::Shelling => {
                "Explosions/Remote violence"
            }
            EventKind::Ambush | EventKind::Raid | EventKind::Clash | EventKind::PrisonBreak => {
                "Battles"
            }
            EventKind::Attack
            | EventKind::Shooting
            | EventKind::Assassination
            | EventKind::Execution
            | EventKind::Kidnapping => "Violence against civilians",
        }
    }
}

/// A group of victims counted together ("75 Afghan civilians").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Victims {
    /// How many.
    pub count: Quantity,
    /// Who ("U.S. troops").
    pub description: String,
    /// "killed", "wounded", "killed_or_wounded" or "perpetrators_killed".
    pub outcome: String,
}

/// Who did it as a report describes them when it names no catalogued group:
/// "unidentified gunmen", "a mob", "police" ("shot dead by unidentified
/// gunmen", "Police opened fire on the marchers, killing two").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// The words that describe them ("unidentified gunmen").
    pub text: String,
    /// Their class, after ACLED's actor types.
    pub class: ActorClass,
    /// Where the description is.
    pub span: Span,
}

/// The kind of actor a description names, after ACLED's actor types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorClass {
    /// Armed men of no named group ("gunmen", "militants", "a suicide bomber").
    ArmedGroup,
    /// Police.
    Police,
    /// Soldiers, security forces, air strikes.
    Military,
    /// Mobs and rioting crowds.
    Rioters,
    /// Demonstrators.
    Protesters,
}

impl ActorClass {
    /// The name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorClass::ArmedGroup => "armed_group",
            ActorClass::Police => "police",
            ActorClass::Military => "military",
            ActorClass::Rioters => "rioters",
            ActorClass::Protesters => "protesters",
        }
    }

    /// ACLED's actor name for this class in `country` ("Police Forces of
    /// Pakistan", "Rioters (India)"); `country` may be empty.
    pub fn acled_name(self, country: &str) -> String {
        let of = |base: &str| {
            if country.is_empty() {
                base.to_string()
            } else {
                format!("{base} of {country}")
            }
        };
        let paren = |base: &str| {
            if country.is_empty() {
                base.to_string()
            } else {
                format!("{base} ({country})")
            }
        };
        match self {
            ActorClass::ArmedGroup => paren("Unidentified Armed Group"),
            ActorClass::Police => of("Police Forces"),
            ActorClass::Military => of("Military Forces"),
            ActorClass::Rioters => paren("Rioters"),
            ActorClass::Protesters => paren("Protesters"),
        }
    }
}

/// One event a document reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Kind.
    pub kind: EventKind,
    /// When it happened.
    pub when: Option<When>,
    /// Where (index into `Annotated::entities`).
    pub place: Option<usize>,
    /// Who did it (indices into `Annotated::entities`).
    pub perpetrators: Vec<usize>,
    /// True when a perpetrator claimed responsibility.
    pub claimed: bool,
    /// People killed (perpetrators excluded where the text says so).
    pub killed: Option<Quantity>,
    /// People wounded.
    pub wounded: Option<Quantity>,
    /// Killed and wounded together when the text does not split them.
    pub killed_or_wounded: Option<Quantity>,
    /// Attackers killed, kept apart from `killed` ("the two gunmen were shot dead").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perpetrators_killed: Option<Quantity>,
    /// Who did it as the text describes them, when no group is named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Actor>,
    /// Groups that denied involvement (indices into `Annotated::entities`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub denied_by: Vec<usize>,
    /// Victims by description.
    pub victims: Vec<Victims>,
    /// Evidence spans.
    pub spans: Vec<Span>,
}

/// A document with everything extraction found in it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotated {
    /// The document.
    pub doc: Document,
    /// Paragraph spans.
    pub paragraphs: Vec<Span>,
    /// Sentence spans.
    pub sentences: Vec<Span>,
    /// Mentions of entities, quantities and times, in text order.
    pub mentions: Vec<Mention>,
    /// Document-local entities.
    pub entities: Vec<LocalEntity>,
    /// Claims.
    pub claims: Vec<Claim>,
    /// Events.
    pub events: Vec<Event>,
}
