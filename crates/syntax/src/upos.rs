//! The 17 universal part-of-speech tags.

use std::fmt;

macro_rules! upos {
    ($($name:ident $s:literal $doc:literal),* $(,)?) => {
        /// A universal part-of-speech tag (UD v2).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Upos { $(#[doc = $doc] $name),* }

        impl Upos {
            /// Every tag, in the order of their numbers.
            pub const ALL: [Upos; 17] = [$(Upos::$name),*];

            /// The tag as written in CoNLL-U.
            pub fn as_str(self) -> &'static str {
                match self { $(Upos::$name => $s),* }
            }

            /// Reads a tag as written in CoNLL-U.
            pub fn parse(s: &str) -> Option<Upos> {
                match s { $($s => Some(Upos::$name),)* _ => None }
            }
        }
    };
}

upos! {
    Adj "ADJ" "Adjective.",
    Adp "ADP" "Adposition.",
    Adv "ADV" "Adverb.",
    Aux "AUX" "Auxiliary.",
    Cconj "CCONJ" "Coordinating conjunction.",
    Det "DET" "Determiner.",
    Intj "INTJ" "Interjection.",
    Noun "NOUN" "Noun.",
    Num "NUM" "Numeral.",
    Part "PART" "Particle.",
    Pron "PRON" "Pronoun.",
    Propn "PROPN" "Proper noun.",
    Punct "PUNCT" "Punctuation.",
    Sconj "SCONJ" "Subordinating conjunction.",
    Sym "SYM" "Symbol.",
    Verb "VERB" "Verb.",
    X "X" "Other.",
}

impl Upos {
    /// The tag's number (0..17).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The tag numbered `i`.
    pub fn from_index(i: usize) -> Upos {
        Upos::ALL[i]
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
