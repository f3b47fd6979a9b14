//! A bare eframe window with the same embedded fonts and native options as the app: the
//! baseline for `tools/bench-ui.sh` (time to first painted frame, RSS after it).

struct Hello {
    bench: bool,
    frames: u64,
}

impl eframe::App for Hello {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        // Reported as the second frame starts, before its layout (as the app does).
        self.frames += 1;
        if self.bench && self.frames == 2 {
            itaku_navi::ui::bench_report();
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("こんにちは、世界");
            ui.label("Hello, world");
        });
    }
}

fn main() -> eframe::Result {
    itaku_navi::ui::bench_mark("main");
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_title("hello").with_inner_size([1200.0, 800.0]),
        ..Default::default()
    };
    let bench = std::env::var_os("ITAKU_NAVI_BENCH_FIRST_FRAME").is_some();
    eframe::run_native(
        "hello-bare",
        options,
        Box::new(move |cc| {
            itaku_navi::ui::bench_mark("window");
            itaku_navi::ui::setup(&cc.egui_ctx);
            Ok(Box::new(Hello { bench, frames: 0 }))
        }),
    )
}
