//! The JSON Schemas in rules/schema/: they are what `backcare rules schema` prints, the shipped
//! rule files follow them, and they catch what the loader would refuse.

use serde_json::Value;

use crate::common::*;

const NAMES: [&str; 6] = [
    "questionnaire",
    "red_flags",
    "postures",
    "exercises",
    "policy",
    "figures",
];

const REGENERATE: &str = "regenerate the schemas with:\n  for f in questionnaire red_flags \
    postures exercises policy figures; do cargo run -q -- rules schema $f > rules/schema/$f.schema.json; done";

fn schema_path(name: &str) -> std::path::PathBuf {
    root()
        .join("rules")
        .join("schema")
        .join(format!("{name}.schema.json"))
}

fn validator(name: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&read_json(&schema_path(name)))
        .unwrap_or_else(|e| panic!("rules/schema/{name}.schema.json is not a valid schema: {e}"))
}

/// Every way `instance` breaks the schema, one line each.
fn violations(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn the_committed_schemas_are_what_the_command_prints() {
    for name in NAMES {
        let printed = backcare().args(["rules", "schema", name]).output().unwrap();
        assert!(printed.status.success(), "rules schema {name} failed");
        let path = schema_path(name);
        let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("cannot read {}: {e}; {REGENERATE}", path.display());
        });
        assert!(
            committed == String::from_utf8(printed.stdout).unwrap(),
            "rules/schema/{name}.schema.json differs from `backcare rules schema {name}`; \
             {REGENERATE}"
        );
    }
}

#[test]
fn every_shipped_rule_file_names_and_follows_its_schema() {
    for name in NAMES {
        let file = read_json(&root().join("rules").join(format!("{name}.json")));
        assert_eq!(
            file["$schema"],
            format!("schema/{name}.schema.json"),
            "rules/{name}.json must name its schema"
        );
        let problems = violations(&validator(name), &file);
        assert!(
            problems.is_empty(),
            "rules/{name}.json breaks its schema:\n  {}",
            problems.join("\n  ")
        );
    }
}

#[test]
fn a_misspelt_field_breaks_the_schema() {
    // A field name in each file, somewhere a physiotherapist would type, and how it is misspelt.
    let cases: [(&str, &str, &str, &str); 6] = [
        ("questionnaire", "/questions/0", "help", "hlep"),
        ("red_flags", "/rules/0", "urgency", "urgancy"),
        ("red_flags", "/rules/0/when", "yes", "yess"),
        ("postures", "", "findings", "finding"),
        (
            "exercises",
            "/exercises/0/dose",
            "duration_seconds",
            "duration_second",
        ),
        ("policy", "/progress/improving", "drop_points", "drop_point"),
    ];
    for (name, at, field, misspelt) in cases {
        let mut file = read_json(&root().join("rules").join(format!("{name}.json")));
        let object = file
            .pointer_mut(at)
            .and_then(Value::as_object_mut)
            .unwrap_or_else(|| panic!("rules/{name}.json has no object at {at:?}"));
        let value = object
            .remove(field)
            .unwrap_or_else(|| panic!("rules/{name}.json has no {field:?} at {at:?}"));
        object.insert(misspelt.to_owned(), value);
        let problems = violations(&validator(name), &file);
        assert!(
            !problems.is_empty(),
            "rules/{name}.json with {field:?} misspelt {misspelt:?} at {at:?} still follows its schema"
        );
    }
}
