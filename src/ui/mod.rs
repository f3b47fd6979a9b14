//! The egui desktop app. For now a window that shows the flow's steps from the rule set,
//! with the embedded Japanese font; the wizard screens come with the app issue.

pub mod fonts;

use std::path::Path;

use crate::core::rules::RuleSet;

/// Starts the app window.
pub fn run(rules_dir: Option<&Path>) -> anyhow::Result<()> {
    // Japanese first; the language switch arrives with the app's View menu.
    crate::set_locale("ja");
    let rules =
        crate::cli::load_rules(rules_dir).map_err(|e| anyhow::anyhow!("{}:\n{e}", crate::tr("app.rules_error")))?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_title(crate::tr("app.title")).with_inner_size([960.0, 640.0]),
        ..Default::default()
    };
    eframe::run_native(
        "itaku-navi",
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            Ok(Box::new(PlaceholderApp { rules }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

struct PlaceholderApp {
    rules: RuleSet,
}

impl eframe::App for PlaceholderApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(crate::tr("app.title"));
            ui.label(format!(
                "{}: {} {}",
                crate::tr("app.ruleset"),
                self.rules.info.ruleset_id,
                self.rules.info.version
            ));
            ui.label(crate::tr("app.placeholder"));
            ui.separator();
            for (i, step) in self.rules.steps.iter().enumerate() {
                ui.label(format!("{}. {}  ({})", i + 1, step.title.ja, step.citations.join(", ")));
            }
        });
    }
}
