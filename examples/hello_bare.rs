//! A bare eframe window with the same embedded fonts, native options and font atlas width as
//! the app: the baseline for `tools/bench-ui.sh` (time to first painted frame, RSS after it).

struct Hello {
    bench: bool,
    frames: u64,
}

impl eframe::App for Hello {
    /// The same font atlas width as the app's (`ATLAS_SIDE`): a narrower atlas is quicker to
    /// upload for a software renderer, and the floor should not lack what the app has.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        itaku_navi::ui::limit_atlas(raw_input);
    }

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
        system_font_fallback: false,
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
