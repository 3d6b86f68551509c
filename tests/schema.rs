#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Every corpus output validates against the JSON Schema that `cnbudget
//! schema` prints (generated from the Rust types), and so do batch records.

#[test]
fn corpus_outputs_match_the_schema() {
    let schema = cnbudget::schema_of_report();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            let text = std::fs::read_to_string(&p).unwrap();
            let v = serde_json::to_value(cnbudget::extract(&text)).unwrap();
            let errors: Vec<String> = validator
                .iter_errors(&v)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{}: {errors:?}", p.display());
            n += 1;
        }
    }
    assert!(n >= 13);
    // The schema is strict enough to fail: a wrong type is caught.
    let mut bad = serde_json::to_value(cnbudget::extract("收入100万元")).unwrap();
    bad["amounts"][0]["yuan"] = serde_json::json!(1000000.0);
    assert!(!validator.is_valid(&bad), "a float yuan must not validate");
}

#[test]
fn batch_records_match_their_schema() {
    let schema = cnbudget::schema_of_record();
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/seed_wanzhou_2024_budget.txt"
    );
    let entries = cnbudget::batch::collect(&[seed.into(), "/nonexistent/file.txt".into()]);
    for e in &entries {
        let p = cnbudget::batch::process(e, 1 << 20);
        let v = serde_json::to_value(&p.record).unwrap();
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
}
