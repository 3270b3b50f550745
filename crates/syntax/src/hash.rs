//! Feature keys: strings and small atoms folded into `u64`s without allocating.

/// Folds `x` into the running key `h`.
#[inline]
pub(crate) fn mix(h: u64, x: u64) -> u64 {
    let v = (h ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    v ^ (v >> 29)
}

/// The key of a template applied to one atom.
#[inline]
pub(crate) fn key1(template: u64, a: u64) -> u64 {
    mix(mix(template.wrapping_add(0x51_7CC1_B727_220A), a), 1)
}

/// The key of a template applied to two atoms.
#[inline]
pub(crate) fn key2(template: u64, a: u64, b: u64) -> u64 {
    mix(mix(mix(template.wrapping_add(0x51_7CC1_B727_220A), a), b), 2)
}

/// The key of a template applied to three atoms.
#[inline]
pub(crate) fn key3(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(mix(template.wrapping_add(0x51_7CC1_B727_220A), a), b), c), 3)
}

/// Lexical atoms of one token, computed once per sentence.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Atoms {
    /// The lowercased form, digits folded (see [`Atoms::of`]).
    pub word: u64,
    /// The form as written.
    pub exact: u64,
    /// The first 1, 2 and 3 characters (lowercased).
    pub prefix: [u64; 3],
    /// The last 1, 2, 3 and 4 characters (lowercased).
    pub suffix: [u64; 4],
    /// The character shape: `Xx`, `d`, `x.x` ... with runs collapsed.
    pub shape: u64,
    /// Bit 0: starts with an uppercase letter; bit 1: has a digit; bit 2: has a hyphen;
    /// bit 3: all uppercase.
    pub flags: u8,
}

const SEED: u64 = 0xCBF2_9CE4_8422_2325;

impl Atoms {
    /// Computes the atoms of `form` in one pass over its characters.
    ///
    /// Words that are all digits (with `.`/`,`) fold to one word per length class, so
    /// "1998" and "2004" share weights, as do "3.5" and "12,000".
    pub(crate) fn of(form: &str) -> Atoms {
        let mut word = SEED;
        let mut exact = SEED ^ 0xE;
        let mut prefix = [0u64; 3];
        let mut last = ['\0'; 4];
        let mut n = 0usize;
        let mut shape = SEED;
        let mut last_shape = '\0';
        let mut shape_run = 0;
        let (mut upper, mut lower, mut digit, mut hyphen, mut other) = (0, 0, 0, 0, 0);
        let mut first_upper = false;
        for ch in form.chars() {
            let sh = if ch.is_uppercase() {
                upper += 1;
                'X'
            } else if ch.is_lowercase() {
                lower += 1;
                'x'
            } else if ch.is_ascii_digit() {
                digit += 1;
                'd'
            } else {
                if ch == '-' {
                    hyphen += 1;
                }
                other += 1;
                ch
            };
            if n == 0 {
                first_upper = sh == 'X';
            }
            if sh == last_shape {
                shape_run += 1;
            } else {
                shape_run = 0;
                last_shape = sh;
            }
            if shape_run < 2 {
                shape = mix(shape, sh as u64);
            }
            let lc = if ch.is_ascii() {
                ch.to_ascii_lowercase()
            } else {
                ch.to_lowercase().next().unwrap_or(ch)
            };
            word = mix(word, lc as u64);
            exact = mix(exact, ch as u64);
            if n < 3 {
                prefix[n] = word;
            }
            last[n % 4] = lc;
            n += 1;
        }
        for p in prefix.iter_mut().skip(n) {
            *p = word;
        }
        let mut suffix = [0u64; 4];
        let mut h = SEED ^ 0x5u64;
        for (k, slot) in suffix.iter_mut().enumerate() {
            if k < n {
                h = mix(h, last[(n - 1 - k) % 4] as u64);
            }
            *slot = h;
        }
        if digit > 0 && upper + lower == 0 && digit + other == n {
            // A number: fold by length class and separators.
            word = mix(SEED ^ 0xD1, (n.min(5) as u64) << 8 | (other.min(3) as u64));
        }
        let flags = (first_upper as u8)
            | ((digit > 0) as u8) << 1
            | ((hyphen > 0) as u8) << 2
            | ((upper > 0 && lower == 0) as u8) << 3;
        Atoms { word, exact, prefix, suffix, shape, flags }
    }
}

/// A small seeded generator (splitmix64): training shuffles and explores with it, so the
/// same seed gives the same model.
#[derive(Clone, Debug)]
pub(crate) struct SplitMix(pub u64);

impl SplitMix {
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float in [0, 1).
    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Fisher–Yates.
    pub(crate) fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            xs.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoms_fold_case_and_numbers() {
        assert_eq!(Atoms::of("Hello").word, Atoms::of("hello").word);
        assert_eq!(Atoms::of("1998").word, Atoms::of("2004").word);
        assert_ne!(Atoms::of("1998").word, Atoms::of("19").word);
        assert_eq!(Atoms::of("walking").suffix[2], Atoms::of("talking").suffix[2]);
        assert_ne!(Atoms::of("walking").suffix[3], Atoms::of("talking").suffix[2]);
        assert_eq!(Atoms::of("Unhappy").prefix[1], Atoms::of("under").prefix[1]);
        assert_eq!(Atoms::of("Hello").flags & 1, 1);
        assert_eq!(Atoms::of("al-Ani").flags & 4, 4);
        assert_eq!(Atoms::of("Xxxxx").shape, Atoms::of("Abcdefg").shape);
    }
}
