//! Data shared by the benchmarks.

use itaku_navi::core::case::{Case, InventoryItem, RiskRow, parse_case};

/// The payroll exception case with 10 000 inventory items and 200 risk rows.
pub fn large_case() -> Case {
    let text = include_str!("../../tests/cases/08_exception_request_payroll_operations.case.json");
    let mut case = parse_case("08", text).expect("example case");
    let template = case.inventory[0].clone();
    for i in 0..10_000 {
        case.inventory.push(InventoryItem {
            item_id: format!("bulk-{i}"),
            name: format!("業務ファイル {i}"),
            reason: "機微な内容を含まない".into(),
            ..template.clone()
        });
    }
    grow_risk(&mut case, 200);
    case
}

/// Grows `case`'s risk analysis to `rows` rows, copies of its rows with new ids (the
/// threats taken in turn, as in [`large_case`]).
pub fn grow_risk(case: &mut Case, rows: usize) {
    let threats = ["th-leak", "th-insider", "th-tamper", "th-loss", "th-other-use"];
    let row = case.risk[0].clone();
    case.risk = (0..rows)
        .map(|i| RiskRow { row_id: format!("r{i}"), threat_id: threats[i % threats.len()].into(), ..row.clone() })
        .collect();
}
