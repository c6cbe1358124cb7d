//! The checks of postures.json: each finding's id and condition.

use super::{path, Checker};
use crate::source::Source;

impl Checker<'_> {
    pub(super) fn postures(&mut self, source: &Source) {
        let findings = &self.rules.postures.findings;
        self.ids(source, "findings", findings.iter().map(|f| f.id.as_str()));
        for (index, finding) in findings.iter().enumerate() {
            self.condition(
                source,
                &path(&["findings"]).join(index).join("when"),
                &finding.when,
                None,
            );
        }
    }
}
