//! The number and amount parsers on arbitrary text: no panic, and every
//! amount's yuan is exactly its value times its unit.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let _ = cnbudget::numerals::parse(s);
    let n = cnbudget::normalize::normalize(s);
    let (amounts, _) = cnbudget::extract::amounts::find(&n.text);
    for a in &amounts {
        assert!(a.range.0 <= a.range.1 && a.range.1 <= n.text.len());
        if !a.truncated_unit && !a.shared_unit {
            // Subunits (角/分) are folded into value, so compare in yuan.
            let v: rust_decimal::Decimal = a.value.parse().expect("value is a decimal");
            assert!(v * a.unit.factor() == a.yuan || a.unit == cnbudget::extract::amounts::Unit::Yuan);
        }
        let span = n.span(a.range.0, a.range.1);
        assert!(s.is_char_boundary(span.start) && s.is_char_boundary(span.end));
    }
});
