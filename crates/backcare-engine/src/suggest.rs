//! "Did you mean" for misspelt ids.

/// The longest word a suggestion is sought for. The search costs the word's length times every
/// known word's, and no typo of an id is this long, so a huge key is answered at once.
const LONGEST: usize = 64;

/// The known word closest to `given`, when it is close enough to be a likely typo.
pub fn did_you_mean<'k>(given: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    if given.chars().nth(LONGEST).is_some() {
        return None;
    }
    let limit = (given.chars().count() / 3).max(2);
    known
        .map(|word| (strsim::levenshtein(given, word), word))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, word)| word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_near_miss_and_not_a_stranger() {
        let known = ["chest_pain", "fever", "numbness"];
        assert_eq!(
            did_you_mean("chest_pian", known.into_iter()),
            Some("chest_pain")
        );
        assert_eq!(did_you_mean("appetite", known.into_iter()), None);
    }

    #[test]
    fn a_word_longer_than_any_typo_is_not_searched() {
        // Within the edit distance allowed, so only the length keeps it from being suggested.
        let known = "a".repeat(LONGEST);
        let longer = "a".repeat(LONGEST + 1);
        assert_eq!(did_you_mean(&longer, [known.as_str()].into_iter()), None);
        let typo = format!("{}b", "a".repeat(LONGEST - 1));
        assert_eq!(
            did_you_mean(&typo, [known.as_str()].into_iter()),
            Some(known.as_str())
        );
    }
}
