//! CPU time of one UI frame (`cargo bench --bench ui_frame`): the whole app laid out and
//! tessellated headless, at 1280×800, on the inventory and risk screens with 10 000 rows
//! each, and on the register screen with 10 000 cases. GPU upload and
//! presentation are not included. Two floors are measured beside them: a bare table of
//! 10 000 rows (what any egui table costs), and each screen with only 40 rows (more than any
//! of its tables shows at this size): the same screen, so what the many rows add. The
//! inventory screen with its guidance panel folded (`inventory_guidance_folded`) shows what
//! the rule-book text beside the table costs. And the first frame of a start, cold
//! (`first_frame_new_case`, beside `first_frame_bare`): the app's own part of a first frame,
//! which the start now does ahead on a thread of its own, and what is left of it on the
//! window's thread (`first_frame_after_warm_up`).

use divan::{Bencher, black_box};
use itaku_navi::core::engine::evaluate;
use itaku_navi::core::rules::load_embedded;
use itaku_navi::ui::storage::Storage;
use itaku_navi::ui::{App, Screen};

mod common;

use common::{grow_risk, large_case};

fn main() {
    divan::main();
}

/// A frame's input with nothing happening, in a 1280×800 window (every bench's size).
fn screen_input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0))),
        ..Default::default()
    }
}

/// An app on `step_id` with the large case (its risk analysis grown to 10 000 rows), each
/// table cut to `rows`, and an egui context with the fonts. The row being edited is one
/// near the end of each table (nine tenths down), as when working through a long list:
/// what the screen does to find it is part of the frame.
fn setup(step_id: &str, data: &std::path::Path, rows: usize) -> (App, egui::Context) {
    let rules = load_embedded().expect("valid");
    let idx = rules.step_idx(step_id).expect("step");
    let mut app = App::new(rules, None, Storage::new(data.to_path_buf()));
    app.case = large_case();
    grow_risk(&mut app.case, 10_000);
    app.case.inventory.truncate(rows);
    app.case.risk.truncate(rows);
    app.eval = evaluate(&app.rules, &app.case);
    app.screen = Screen::Step(idx);
    app.screens.inventory.selected = Some(app.case.inventory[deep(app.case.inventory.len())].item_id.clone());
    app.screens.risk.selected = Some(app.case.risk[deep(app.case.risk.len())].row_id.clone());
    let ctx = egui::Context::default();
    itaku_navi::ui::setup(&ctx);
    (app, ctx)
}

/// The row chosen in a table of `rows` rows: nine tenths down.
fn deep(rows: usize) -> usize {
    rows * 9 / 10
}

/// Times the frames `draw` makes with nothing happening (laid out and tessellated), after
/// five frames to warm it up (its texts laid out, its glyphs drawn, its scroll areas sized).
fn time_frames(bencher: Bencher, ctx: &egui::Context, mut draw: impl FnMut(&mut egui::Ui)) {
    let input = screen_input();
    for _ in 0..5 {
        let out = ctx.run_ui(input.clone(), &mut draw);
        black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
    }
    bencher.bench_local(|| {
        let out = ctx.run_ui(input.clone(), &mut draw);
        black_box(ctx.tessellate(out.shapes, out.pixels_per_point))
    });
}

fn frame(bencher: Bencher, step_id: &str, rows: usize) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, ctx) = setup(step_id, dir.path(), rows);
    time_frames(bencher, &ctx, |ui| app.show(ui));
}

/// What the guidance panel beside the table costs: the inventory screen with 10 000 rows
/// and the guidance folded (its たたむ button), the rest of the window as in
/// [`inventory_10000_rows`]. Its rule-book text, some 540 glyphs that egui lays into
/// triangles again every frame, is the largest part of the screen around the table.
#[divan::bench]
fn inventory_guidance_folded(bencher: Bencher) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, ctx) = setup("inventory", dir.path(), usize::MAX);
    app.settings.guidance_open = false;
    time_frames(bencher, &ctx, |ui| app.show(ui));
}

#[divan::bench]
fn inventory_10000_rows(bencher: Bencher) {
    frame(bencher, "inventory", usize::MAX);
}

/// The floor of the inventory screen: the same screen with 40 rows.
#[divan::bench]
fn inventory_40_rows(bencher: Bencher) {
    frame(bencher, "inventory", 40);
}

#[divan::bench]
fn risk_10000_rows(bencher: Bencher) {
    frame(bencher, "risk_analysis", usize::MAX);
}

/// The floor of the risk screen: the same screen with 40 rows.
#[divan::bench]
fn risk_40_rows(bencher: Bencher) {
    frame(bencher, "risk_analysis", 40);
}

/// The register screen with 10 000 cases (issue 14: ≤ 2 ms CPU per frame).
#[divan::bench]
fn register_10000_rows(bencher: Bencher) {
    register_frame(bencher, 10_000);
}

/// The floor of the register screen: the same screen with 40 cases.
#[divan::bench]
fn register_40_rows(bencher: Bencher) {
    register_frame(bencher, 40);
}

/// The register screen with `cases` cases.
fn register_frame(bencher: Bencher, cases: usize) {
    use itaku_navi::core::register::{Entry, Register, Row};
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut app, ctx) = setup("basics", dir.path(), usize::MAX);
    let case = large_case();
    let entry =
        Entry::of(&itaku_navi::core::case::Case { inventory: Vec::new(), risk: Vec::new(), ..case }, &app.rules);
    let rows: Vec<Row> = (0..cases)
        .map(|i| Row {
            path: format!("{}/case-{i:05}.json", 2020 + i % 7),
            len: 4000,
            modified_ns: Some(1_700_000_000_000_000_000),
            identity: None,
            content_hash: None,
            entry: Ok(Box::new(Entry { document_number: format!("R8-{i:05}"), ..entry.clone() })),
        })
        .collect();
    // A row nine tenths down is the one chosen, as in the other tables.
    app.screens.register_table.selected = Some(rows[deep(cases)].path.clone());
    app.register.reg = Some(Register {
        format: itaku_navi::core::register::INDEX_FORMAT,
        folder: "/cases".into(),
        rules: String::new(),
        rows,
    });
    app.register.picked = (0..cases).collect();
    app.screen = Screen::Register;
    time_frames(bencher, &ctx, |ui| app.show(ui));
}

/// The floor the tables are compared with (issue 29): a bare `egui_extras` table of 10 000
/// rows and 7 label columns, at the same size, fonts and style, in a central panel with no
/// side panels — what any egui table of that many rows costs per frame.
#[divan::bench]
fn bare_table_10000_rows(bencher: Bencher) {
    use egui_extras::{Column, TableBuilder};
    let ctx = egui::Context::default();
    itaku_navi::ui::setup(&ctx);
    let names: Vec<String> = (0..10_000).map(|i| format!("情報 {i:05} の名称")).collect();
    let draw = |ui: &mut egui::Ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
            TableBuilder::new(ui)
                .striped(true)
                .max_scroll_height(320.0)
                .columns(Column::initial(100.0).clip(true), 7)
                .header(row_height, |mut h| {
                    for c in 0..7 {
                        h.col(|ui| {
                            ui.strong(format!("列 {c}"));
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, names.len(), |mut row| {
                        let i = row.index();
                        for _ in 0..7 {
                            row.col(|ui| {
                                ui.label(&names[i]);
                            });
                        }
                    });
                });
        });
    };
    time_frames(bencher, &ctx, draw);
}

/// The first frame of a start with no case, cold: a new context with the fonts, the app,
/// one frame laid out and tessellated (its text shaped and its glyphs drawn for the first
/// time) — the app's own part of a first frame, which the start lays out ahead
/// ([`first_frame_after_warm_up`] is what is left of it once the window exists).
#[divan::bench(sample_count = 20)]
fn first_frame_new_case(bencher: Bencher) {
    let rules = load_embedded().expect("valid");
    let dir = tempfile::tempdir().expect("tempdir");
    bencher.bench_local(|| {
        let ctx = egui::Context::default();
        itaku_navi::ui::setup(&ctx);
        let mut app = App::new(rules.clone(), None, Storage::new(dir.path().to_path_buf()));
        let input = screen_input();
        let out = ctx.run_ui(input, |ui| app.show(ui));
        black_box(ctx.tessellate(out.shapes, out.pixels_per_point))
    });
}

/// What is left of [`first_frame_new_case`] on the window's thread since the start lays the
/// first screen out ahead (`ui::warm_up`, on its own thread while the window is made): the
/// window's first frame after it, as the window sends it (same size, scale 1, light).
#[divan::bench(sample_count = 20)]
fn first_frame_after_warm_up(bencher: Bencher) {
    let rules = load_embedded().expect("valid");
    let dir = tempfile::tempdir().expect("tempdir");
    bencher
        .with_inputs(|| {
            let ctx = egui::Context::default();
            itaku_navi::ui::setup(&ctx);
            let mut app = App::new(rules.clone(), None, Storage::new(dir.path().to_path_buf()));
            let size = [1280.0, 800.0];
            let _ = itaku_navi::ui::warm_up(&ctx, &mut app, size, itaku_navi::ui::storage::LastLook::default());
            (ctx, app)
        })
        .bench_local_values(|(ctx, mut app)| {
            let mut input = screen_input();
            input.max_texture_side = Some(itaku_navi::ui::ATLAS_SIDE);
            input.system_theme = Some(egui::Theme::Light);
            input.viewports.insert(
                egui::ViewportId::ROOT,
                egui::ViewportInfo { native_pixels_per_point: Some(1.0), ..Default::default() },
            );
            let out = ctx.run_ui(input, |ui| app.show(ui));
            black_box(ctx.tessellate(out.shapes, out.pixels_per_point))
        });
}

/// The floor of [`first_frame_new_case`]: the bare window's first frame (a heading and a
/// label in a central panel, as `examples/hello_bare.rs` draws), cold, with the same fonts.
#[divan::bench(sample_count = 20)]
fn first_frame_bare(bencher: Bencher) {
    bencher.bench_local(|| {
        let ctx = egui::Context::default();
        itaku_navi::ui::setup(&ctx);
        let input = screen_input();
        let out = ctx.run_ui(input, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.heading("こんにちは、世界");
                ui.label("Hello, world");
            });
        });
        black_box(ctx.tessellate(out.shapes, out.pixels_per_point))
    });
}
