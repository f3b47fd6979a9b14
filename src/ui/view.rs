//! The window's frame: menu bar, step sidebar with progress and outcome badge, the
//! foldable guidance panel with the rule-book text, the status bar and the dialogs.
//! Everything here draws state and pushes [`Command`]s.

use egui::RichText;

use crate::core::engine::StepState;
use crate::core::register::Filter;
use crate::core::text::Lang;
use crate::tr;

use super::app::{App, Command, Dialog, Screen, Then};
use super::training::TrainingCommand;
use super::{screens, widgets};

impl App {
    /// Draws one frame and carries out what the user asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.set_repaint_context(&ctx);
        self.apply_look(&ctx);
        self.poll_dialogs();
        self.offer_orphan();
        let mut out = Vec::new();
        shortcuts(&ctx, &mut out);
        let newly_focused = self.follow_focus(&ctx);
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui, &mut out));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui, &mut out));
        // Tab order: the form, its buttons, the guidance panel, the sidebar, and round again.
        // egui tabs in drawing order (panels first), so each panel ends with a tab stop that
        // passes the focus on.
        let mut tab_to: Option<&str> = None;
        egui::Panel::left("steps").resizable(true).default_size(230.0).show(ui, |ui| {
            self.sidebar(ui, &mut out);
            if widgets::tab_stop(ui) {
                tab_to = Some("form");
            }
        });
        // The register is a wide table with no step to guide: its guidance panel would only
        // narrow it (at 1024 px, four of its columns would be off-screen).
        let guidance = self.settings.guidance_open && self.screen != Screen::Register;
        if guidance {
            egui::Panel::right("guidance").resizable(true).default_size(320.0).show(ui, |ui| {
                self.guidance(ui, &mut out);
                if widgets::tab_stop(ui) {
                    tab_to = Some("sidebar");
                }
            });
        }
        // Keyboard first: entering a screen, or Tab with nothing focused, puts the focus on
        // the screen's first input rather than on the menu bar.
        let entered = self.keyboard.shown_screen != Some(self.screen);
        self.keyboard.shown_screen = Some(self.screen);
        let tab_from_nowhere = self.dialog.is_none()
            && ctx.memory(|m| m.focused().is_none())
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Tab));
        let to_form = std::mem::take(&mut self.keyboard.tab_to_form);
        widgets::want_first_focus(&ctx, (entered || tab_from_nowhere || to_form) && self.dialog.is_none());
        egui::CentralPanel::default().show(ui, |ui| {
            // Each screen keeps its own scroll position.
            let salt = format!("centre-{:?}", self.screen);
            egui::ScrollArea::vertical().id_salt(salt).auto_shrink([false, false]).show(ui, |ui| {
                // A scroll target is taken by the scroll area it is set in: here, for a
                // widget of the form (the side panels lie outside its columns).
                if let Some(r) = newly_focused.filter(|r| ui.clip_rect().x_range().contains(r.rect.center().x)) {
                    r.scroll_to_me(None);
                }
                screens::show(self, ui, &mut out);
                if widgets::tab_stop(ui) {
                    tab_to = Some(if guidance { "guidance" } else { "sidebar" });
                }
            });
        });
        widgets::want_first_focus(&ctx, false);
        self.name_for_screen_readers(&ctx, ui);
        self.pass_tab(&ctx, tab_to);
        self.dialogs(&ctx, &mut out);
        widgets::focus_ring(&ctx);
        self.handle_all(out);
        if let Some(wait) = self.tick() {
            ctx.request_repaint_after(wait);
        }
        if self.register.is_scanning() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// Follows the keyboard focus at the start of a frame: Escape that dropped it to nowhere
    /// gives it back to the control it left, and the IME guard learns whether it moved.
    /// Returns the widget that newly has it, which the form scrolls into view (never under
    /// the status bar or off the window).
    fn follow_focus(&mut self, ctx: &egui::Context) -> Option<egui::Response> {
        let mut focused = ctx.memory(egui::Memory::focused);
        // Escape closes a popup or leaves a field, and egui then drops the focus to nowhere
        // (the next Tab went to the menu bar): it goes back to the control it left.
        if focused.is_none()
            && self.dialog.is_none()
            && ctx.input(|i| i.key_pressed(egui::Key::Escape))
            && let Some(left) = self.keyboard.seen_focus
        {
            ctx.memory_mut(|m| m.request_focus(left));
            focused = Some(left);
        }
        let focus_moved = focused != std::mem::replace(&mut self.keyboard.seen_focus, focused);
        self.keyboard.ime.before_frame(ctx, focus_moved);
        if focus_moved { focused.and_then(|id| ctx.read_response(id)) } else { None }
    }

    /// What a screen reader says for the window and the panel splitters (egui names the
    /// window nothing and every splitter 「Resize panel」, in English).
    fn name_for_screen_readers(&self, ctx: &egui::Context, ui: &egui::Ui) {
        let title = self.title();
        ctx.accesskit_node_builder(egui::accesskit_root_id(), |node| node.set_label(title));
        for (panel, name) in [("steps", "a11y.resize_steps"), ("guidance", "a11y.resize_guidance")] {
            let handle = ui.scope_id().with(panel).with("__resize");
            if ctx.has_accesskit_node(handle) {
                ctx.accesskit_node_builder(handle, |node| node.set_label(tr(name)));
            }
        }
    }

    /// Tab left a panel's last stop (`tab_to`): the next panel's first widget takes the
    /// focus; the form's first input is offered it while the next frame draws it.
    fn pass_tab(&mut self, ctx: &egui::Context, tab_to: Option<&str>) {
        match tab_to {
            Some("form") => {
                self.keyboard.tab_to_form = true;
                ctx.request_repaint();
            }
            Some(panel) => {
                if let Some(id) = widgets::first_of(ctx, panel) {
                    ctx.memory_mut(|m| m.request_focus(id));
                    ctx.request_repaint();
                }
            }
            None => {}
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        let before = out.len();
        self.menus(ui, out);
        // A choice made with Enter or Space closes the menu as a click does (egui closes
        // menus on pointer clicks only; the menu stayed drawn over the form).
        if out.len() > before {
            egui::Popup::close_all(ui.ctx());
        }
    }

    fn menus(&mut self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(tr("menu.file"), |ui| {
                menu_item(ui, tr("menu.new"), Command::New, out);
                menu_item(ui, tr("menu.open"), Command::OpenDialog, out);
                ui.menu_button(tr("menu.recent"), |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label(tr("menu.recent_none"));
                    }
                    for p in &self.settings.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            out.push(Command::Open(p.clone()));
                        }
                    }
                });
                ui.separator();
                menu_item(ui, tr("menu.save"), Command::Save, out);
                menu_item(ui, tr("menu.save_as"), Command::SaveAsDialog, out);
                ui.separator();
                if ui.button(tr("menu.preview")).clicked() {
                    out.push(Command::ShowDialog(Dialog::Preview));
                }
                menu_item(ui, tr("menu.export"), Command::ExportDialog, out);
                if ui.button(tr("menu.drafts")).clicked() {
                    out.push(Command::ShowDialog(Dialog::Drafts));
                }
                ui.separator();
                menu_item(ui, tr("menu.quit"), Command::Quit, out);
            });
            ui.menu_button(tr("menu.view"), |ui| {
                if ui.radio(self.lang == Lang::Ja, "日本語").clicked() {
                    out.push(Command::SetLanguage(Lang::Ja));
                }
                if ui.radio(self.lang == Lang::En, "English").clicked() {
                    out.push(Command::SetLanguage(Lang::En));
                }
                ui.separator();
                for (choice, key) in
                    [(None, "menu.theme_system"), (Some(false), "menu.light"), (Some(true), "menu.dark")]
                {
                    if ui.radio(self.settings.dark == choice, tr(key)).clicked() {
                        out.push(Command::SetTheme(choice));
                        ui.close();
                    }
                }
                ui.separator();
                let z = self.settings.zoom;
                if ui.button(format!("{}  (Ctrl +)", tr("menu.zoom_in"))).clicked() {
                    out.push(Command::SetZoom(z + 0.1));
                }
                if ui.button(format!("{}  (Ctrl -)", tr("menu.zoom_out"))).clicked() {
                    out.push(Command::SetZoom(z - 0.1));
                }
                if ui.button(format!("{}  ({:.0}%)", tr("menu.zoom_reset"), z * 100.0)).clicked() {
                    out.push(Command::SetZoom(1.0));
                }
                ui.separator();
                let mut open = self.settings.guidance_open;
                if ui.checkbox(&mut open, tr("menu.guidance")).changed() {
                    out.push(Command::SetGuidance(open));
                }
                if ui.button(tr("menu.review")).clicked() {
                    out.push(Command::Goto(Screen::Review));
                }
                if ui.button(self.rules.words("ui.upkeep.menu", self.lang, &[])).clicked() {
                    out.push(Command::Goto(Screen::Upkeep));
                }
                if ui.button(tr("menu.register")).clicked() {
                    out.push(Command::ShowRegister(None));
                }
                if ui.button(tr("sidebar.rulebook")).clicked() {
                    out.push(Command::Goto(Screen::RuleBook));
                }
                if ui.button(tr("sidebar.glossary")).clicked() {
                    out.push(Command::Goto(Screen::Glossary));
                }
                if ui.button(tr("sidebar.training")).clicked() {
                    out.push(Command::Training(TrainingCommand::Open));
                }
            });
            ui.menu_button(tr("menu.help"), |ui| {
                if ui.button(tr("menu.about")).clicked() {
                    out.push(Command::ShowDialog(Dialog::About));
                }
                if ui.button(tr("menu.licences")).clicked() {
                    out.push(Command::ShowDialog(Dialog::Licences));
                }
            });
            if !self.settings.guidance_open {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button(tr("guidance.unfold")).clicked() {
                        out.push(Command::SetGuidance(true));
                    }
                });
            }
        });
    }

    fn status_bar(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            // Expired and soon-expiring cases in the register, from the scan at start.
            let (expired, expiring) = (self.register.expired, self.register.expiring);
            if expired + expiring > 0 {
                let text = format!("⚠ {} {expired} / {} {expiring}", tr("status.expired"), tr("status.expiring"));
                let color = if expired > 0 { ui.visuals().error_fg_color } else { ui.visuals().warn_fg_color };
                let filter = if expired > 0 { Filter::Expired } else { Filter::Expiring(30) };
                if ui.link(RichText::new(text).small().color(color)).clicked() {
                    out.push(Command::ShowRegister(Some(filter)));
                }
                ui.separator();
            }
            let file = self.path.as_ref().map_or_else(|| tr("file.untitled"), |p| p.display().to_string());
            ui.label(RichText::new(file).small());
            ui.separator();
            let state = if self.dirty { tr("status.unsaved") } else { tr("status.saved") };
            ui.label(RichText::new(state).small());
            ui.separator();
            let rules = match &self.rules_dir {
                Some(d) => format!("{} {} ({})", self.rules.info.ruleset_id, self.rules.info.version, d.display()),
                None => {
                    format!("{} {} ({})", self.rules.info.ruleset_id, self.rules.info.version, tr("status.embedded"))
                }
            };
            ui.label(RichText::new(format!("{}: {rules}", tr("app.ruleset"))).small());
            // A save that failed is said until one works; the reason on hover.
            for (error, key) in
                [(&self.autosave.error, "status.autosave_failed"), (&self.settings_error, "status.settings_failed")]
            {
                if let Some(e) = error {
                    ui.separator();
                    ui.label(RichText::new(format!("⚠ {}", tr(key))).small().color(ui.visuals().warn_fg_color))
                        .on_hover_text(e);
                }
            }
            if self.is_exporting() {
                ui.separator();
                ui.label(RichText::new(tr("status.exporting")).small());
            }
            if self.is_picking() {
                ui.separator();
                ui.label(RichText::new(tr("status.picking")).small());
            }
        });
    }

    fn sidebar(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        ui.add_space(4.0);
        ui.label(RichText::new(tr("sidebar.steps")).strong());
        ui.add_space(4.0);
        for (i, step) in self.rules.steps.iter().enumerate() {
            let state = self.eval.step_state(&step.step_id).unwrap_or(StepState::NotYet);
            let (mark, word) = widgets::step_mark(state);
            let affected = self.affected.contains(&step.step_id);
            let mut text = RichText::new(format!("{mark} {}. {}", i + 1, step.title.get(self.lang)));
            if state == StepState::NotApplicable || state == StepState::NotYet {
                text = text.weak();
            }
            if affected {
                text = RichText::new(format!("{mark} {}. {} ⚠", i + 1, step.title.get(self.lang)))
                    .color(ui.visuals().warn_fg_color);
            }
            let selected = self.screen == Screen::Step(i);
            let r = ui.selectable_label(selected, text);
            if i == 0 {
                widgets::mark_first(ui, "sidebar", &r);
            }
            let r = r.on_hover_text(if affected { format!("{word} — {}", tr("sidebar.affected")) } else { word });
            if r.clicked() {
                out.push(Command::Goto(Screen::Step(i)));
            }
        }
        ui.separator();
        if ui.selectable_label(self.screen == Screen::Review, tr("sidebar.review")).clicked() {
            out.push(Command::Goto(Screen::Review));
        }
        if ui
            .selectable_label(self.screen == Screen::Upkeep, self.rules.words("ui.upkeep.menu", self.lang, &[]))
            .clicked()
        {
            out.push(Command::Goto(Screen::Upkeep));
        }
        if ui.selectable_label(self.screen == Screen::RuleBook, tr("sidebar.rulebook")).clicked() {
            out.push(Command::Goto(Screen::RuleBook));
        }
        if ui.selectable_label(self.screen == Screen::Glossary, tr("sidebar.glossary")).clicked() {
            out.push(Command::Goto(Screen::Glossary));
        }
        let training = matches!(self.screen, Screen::Samples | Screen::Walkthrough | Screen::Quiz);
        if ui.selectable_label(training, tr("sidebar.training")).clicked() {
            out.push(Command::Training(TrainingCommand::Open));
        }
        ui.separator();
        ui.label(RichText::new(tr("sidebar.outcome")).strong());
        match &self.eval.outcome {
            Some(o) => {
                if widgets::outcome_badge(ui, &self.rules, self.lang, o.outcome)
                    // Clickable for the mouse; the keyboard has 次へ and the steps above.
                    .interact(egui::Sense::CLICK)
                    .clicked()
                {
                    out.push(Command::GotoCurrent);
                }
                // The outcome node's own title, where it says more than the badge
                // (「委託不可（リスクを十分に低減できない）」); not the badge's word again.
                let title = o.title.get(self.lang);
                if title != self.rules.outcome_name(o.outcome).get(self.lang) {
                    ui.label(RichText::new(title).small());
                }
            }
            None => {
                ui.label(RichText::new(tr("sidebar.no_outcome")).weak());
            }
        }
        let warnings = self.eval.warnings.len();
        if warnings > 0 {
            ui.label(
                RichText::new(format!("⚠ {}: {warnings}", tr("sidebar.warnings"))).color(ui.visuals().warn_fg_color),
            );
        }
    }

    fn guidance(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        ui.horizontal(|ui| {
            ui.label(RichText::new(tr("guidance.title")).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let fold = ui.small_button(tr("guidance.fold"));
                widgets::mark_first(ui, "guidance", &fold);
                if fold.clicked() {
                    out.push(Command::SetGuidance(false));
                }
            });
        });
        ui.separator();
        egui::ScrollArea::vertical().id_salt("guidance").auto_shrink([false, false]).show(ui, |ui| {
            if let Screen::Step(i) = self.screen
                && let Some(step) = self.rules.steps.get(i)
            {
                ui.label(RichText::new(step.title.get(self.lang)).strong());
                ui.label(step.guidance.get(self.lang));
                ui.add_space(6.0);
                let mut shown = Vec::new();
                if let Some(c) = &self.screens.focus_clause {
                    shown.push(c.clone());
                }
                shown.extend(step.citations.iter().cloned());
                self.clause_texts(ui, &shown, out);
            } else if let Some(c) = &self.screens.focus_clause {
                self.clause_texts(ui, std::slice::from_ref(c), out);
            } else {
                ui.label(tr("guidance.none"));
            }
            ui.add_space(6.0);
            ui.label(RichText::new(self.rules.clauses.notice.get(self.lang)).small().weak());
        });
    }

    fn clause_texts(&self, ui: &mut egui::Ui, citations: &[String], out: &mut Vec<Command>) {
        let mut seen = Vec::new();
        for c in citations {
            match self.rules.clause(c) {
                Some(clause) => {
                    if seen.contains(&clause.clause_id) {
                        continue;
                    }
                    seen.push(clause.clause_id.clone());
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.label(
                            RichText::new(format!("{}  {}", clause.clause_id, clause.heading.get(self.lang))).strong(),
                        );
                        if clause.clause_id != *c {
                            ui.label(RichText::new(format!("({} → {})", c, clause.clause_id)).small().weak());
                        }
                        ui.label(&clause.text);
                        widgets::own_reference(ui, &self.rules, self.lang, &clause.clause_id);
                        if ui.small_button(tr("guidance.open_rulebook")).clicked() {
                            out.push(Command::OpenRuleBook(clause.clause_id.clone()));
                        }
                    });
                }
                None => {
                    ui.label(RichText::new(format!("{c}: {}", tr("guidance.no_text"))).small().weak());
                }
            }
        }
    }

    fn dialogs(&mut self, ctx: &egui::Context, out: &mut Vec<Command>) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            out.push(Command::Quit);
        }
        let Some(dialog) = self.dialog.clone() else {
            // The focus goes back where it was when the dialog opened.
            if std::mem::take(&mut self.keyboard.dialog_focus.1)
                && let Some(id) = self.keyboard.dialog_focus.0
            {
                ctx.memory_mut(|m| m.request_focus(id));
            }
            self.keyboard.dialog_focus.0 = ctx.memory(egui::Memory::focused);
            return;
        };
        let fresh = !std::mem::replace(&mut self.keyboard.dialog_focus.1, true);
        if dialog == Dialog::Preview {
            let memo = self.take_preview_memo();
            let mut open = true;
            egui::Window::new(tr("menu.preview"))
                .open(&mut open)
                .default_size([640.0, 600.0])
                .vscroll(true)
                .show(ctx, |ui| super::preview::show(ui, &memo, out));
            self.keep_preview_memo(memo);
            if !open {
                out.push(Command::CloseDialog);
            }
            return;
        }
        let modal = egui::Modal::new(egui::Id::unique("itaku-navi-dialog")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            self.dialog_body(ui, &dialog, fresh, out);
        });
        // Escape or a click outside closes only the dialogs that ask nothing.
        if modal.should_close()
            && matches!(
                dialog,
                Dialog::Info(_) | Dialog::About | Dialog::Licences | Dialog::Error { .. } | Dialog::Drafts
            )
        {
            out.push(Command::CloseDialog);
        }
    }
    /// A dialog's contents. On its first frame (`fresh`) the focus goes to its default
    /// button, so Enter answers a message box as on Windows.
    fn dialog_body(&self, ui: &mut egui::Ui, dialog: &Dialog, fresh: bool, out: &mut Vec<Command>) {
        let default = |r| default_button(r, fresh);
        match dialog {
            Dialog::Error { title, message } => {
                ui.heading(format!("⚠ {title}"));
                egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                    ui.add(egui::Label::new(RichText::new(message).monospace()).wrap());
                });
                ui.label(tr("dialog.nothing_lost"));
                if default(ui.button(tr("common.ok"))).clicked() {
                    out.push(Command::CloseDialog);
                }
            }
            Dialog::Info(message) => {
                ui.label(message);
                if default(ui.button(tr("common.ok"))).clicked() {
                    out.push(Command::CloseDialog);
                }
            }
            Dialog::Unsaved(then) => unsaved(ui, then, fresh, out),
            Dialog::Restore { path, saved_at, case_name } => {
                restore(ui, (path.as_deref(), saved_at, case_name), fresh, out);
            }
            Dialog::About => self.about(ui, out),
            Dialog::Preview => {}
            Dialog::Drafts => super::drafts::show(self, ui, out),
            Dialog::Conflict { path, changes } => conflict(ui, path, changes, out),
            Dialog::Altered { path, stored, actual } => altered(ui, path, stored, actual, out),
            Dialog::ConfirmReReview => confirm_re_review(ui, fresh, &self.rules, out),
            Dialog::Licences => licences(ui, out),
        }
    }

    /// The program, its version, the rule set in force and where its data lives.
    fn about(&self, ui: &mut egui::Ui, out: &mut Vec<Command>) {
        ui.heading(tr("app.title"));
        ui.label(format!("itaku-navi {}", env!("CARGO_PKG_VERSION")));
        ui.label(tr("about.body"));
        ui.label(format!("{}: {} {}", tr("app.ruleset"), self.rules.info.ruleset_id, self.rules.info.version));
        ui.label(self.rules.info.title.get(self.lang));
        if self.rules.info.is_sample {
            widgets::warn(ui, self.rules.info.sample_notice.get(self.lang));
        }
        ui.label(format!("{}: {}", tr("about.data_dir"), self.storage().dir.display()));
        if ui.button(tr("common.ok")).clicked() {
            out.push(Command::CloseDialog);
        }
    }
}

/// `r`, focused when the dialog is `fresh` (its first frame): the button Enter answers.
fn default_button(r: egui::Response, fresh: bool) -> egui::Response {
    if fresh {
        r.request_focus();
    }
    r
}

/// Unsaved changes before `then`: save, discard, or cancel.
fn unsaved(ui: &mut egui::Ui, then: &Then, fresh: bool, out: &mut Vec<Command>) {
    let default = |r| default_button(r, fresh);
    ui.heading(tr("dialog.unsaved_title"));
    ui.label(tr("dialog.unsaved_body"));
    ui.horizontal(|ui| {
        if default(ui.button(tr("dialog.save"))).clicked() {
            out.push(Command::UnsavedSave(then.clone()));
        }
        if ui.button(tr("dialog.discard")).clicked() {
            out.push(Command::UnsavedDiscard(then.clone()));
        }
        if ui.button(tr("common.cancel")).clicked() {
            out.push(Command::CloseDialog);
        }
    });
    if *then == Then::Quit {
        ui.label(RichText::new(tr("dialog.quit_note")).small().weak());
    }
}

/// An autosave a run left: which work it is, its file and time; restore or discard it.
fn restore(
    ui: &mut egui::Ui,
    (path, saved_at, case_name): (Option<&std::path::Path>, &str, &str),
    fresh: bool,
    out: &mut Vec<Command>,
) {
    let default = |r| default_button(r, fresh);
    ui.heading(tr("dialog.restore_title"));
    ui.label(tr("dialog.restore_body"));
    if !case_name.is_empty() {
        ui.label(RichText::new(format!("{}: {case_name}", tr("dialog.case_name"))).strong());
    }
    if let Some(p) = path {
        ui.label(format!("{}: {}", tr("dialog.file"), p.display()));
    }
    if !saved_at.is_empty() {
        ui.label(format!("{}: {saved_at}", tr("dialog.saved_at")));
    }
    ui.horizontal(|ui| {
        if default(ui.button(tr("dialog.restore"))).clicked() {
            out.push(Command::RestoreAutosave);
        }
        if ui.button(tr("dialog.discard_autosave")).clicked() {
            out.push(Command::DiscardAutosave);
        }
    });
}

/// The program's, the fonts' and the crates' licences.
fn licences(ui: &mut egui::Ui, out: &mut Vec<Command>) {
    ui.heading(tr("menu.licences"));
    egui::ScrollArea::vertical().max_height(400.0).show(ui, |ui| {
        ui.label(RichText::new("itaku-navi — MIT License").strong());
        ui.label(tr("licences.fonts"));
        ui.collapsing("Noto Sans CJK JP — SIL Open Font License 1.1", |ui| {
            ui.label(RichText::new(super::fonts::NOTO_LICENSE).small().monospace());
        });
        ui.collapsing("DejaVu Sans — Bitstream Vera / DejaVu licence", |ui| {
            ui.label(RichText::new(super::fonts::DEJAVU_LICENSE).small().monospace());
        });
        ui.label(tr("licences.crates"));
    });
    if ui.button(tr("common.ok")).clicked() {
        out.push(Command::CloseDialog);
    }
}

/// The file being opened changed after its seal: both hashes, and the way on.
fn altered(ui: &mut egui::Ui, path: &std::path::Path, stored: &str, actual: &str, out: &mut Vec<Command>) {
    ui.heading(format!("⚠ {}", tr("altered.title")));
    ui.label(RichText::new(path.display().to_string()).monospace());
    ui.label(tr("altered.body"));
    egui::Grid::new("altered-hashes").num_columns(2).show(ui, |ui| {
        ui.label(tr("altered.stored"));
        ui.label(RichText::new(stored).small().monospace());
        ui.end_row();
        ui.label(tr("altered.actual"));
        ui.label(RichText::new(actual).small().monospace());
        ui.end_row();
    });
    ui.label(tr("altered.note"));
    ui.horizontal_wrapped(|ui| {
        if ui.button(tr("altered.open")).clicked() {
            out.push(Command::OpenAltered);
        }
        if ui.button(tr("altered.cancel")).clicked() {
            out.push(Command::CloseDialog);
        }
    });
}

/// Someone else saved the file: what differs, and the ways on.
fn conflict(ui: &mut egui::Ui, path: &std::path::Path, changes: &[String], out: &mut Vec<Command>) {
    ui.heading(format!("⚠ {}", tr("conflict.title")));
    ui.label(tr("conflict.body"));
    ui.label(RichText::new(path.display().to_string()).monospace());
    ui.label(RichText::new(tr("conflict.changes")).strong());
    egui::ScrollArea::vertical().max_height(220.0).show(ui, |ui| {
        if changes.is_empty() {
            ui.label(tr("conflict.same"));
        }
        for c in changes.iter().take(200) {
            ui.add(egui::Label::new(RichText::new(c).small().monospace()).wrap());
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui.button(tr("conflict.save_copy")).clicked() {
            out.push(Command::SaveCopy(path.to_path_buf()));
        }
        if ui.button(tr("conflict.save_as")).clicked() {
            out.push(Command::CloseDialog);
            out.push(Command::SaveAsDialog);
        }
        if ui.button(tr("conflict.open_theirs")).clicked() {
            out.push(Command::OpenTheirs(path.to_path_buf()));
        }
        if ui.button(tr("common.cancel")).clicked() {
            out.push(Command::CloseDialog);
        }
    });
}

/// Issues the command of every keyboard shortcut pressed this frame.
fn shortcuts(ctx: &egui::Context, out: &mut Vec<Command>) {
    for command in Command::with_shortcuts() {
        if let Some(shortcut) = command.shortcut()
            && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
        {
            out.push(command);
        }
    }
}

/// A menu entry that issues `command`, with its shortcut shown beside it.
fn menu_item(ui: &mut egui::Ui, label: String, command: Command, out: &mut Vec<Command>) {
    let mut button = egui::Button::new(label);
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui.add(button).clicked() {
        out.push(command);
    }
}

/// 「再審査を開始」 asked first: what it does, and Cancel as the default button (Enter starts
/// nothing).
fn confirm_re_review(ui: &mut egui::Ui, fresh: bool, rules: &crate::core::rules::RuleSet, out: &mut Vec<Command>) {
    ui.heading(tr("revision.confirm_title"));
    ui.label(format!("{} {}", tr("revision.start_help"), tr("revision.confirm_body")));
    ui.horizontal(|ui| {
        if ui.button(tr("revision.confirm")).clicked() {
            let (ruleset_id, version) = rules.stamp();
            let stamp = crate::core::case::RuleSetStamp { ruleset_id, version };
            out.push(Command::Edit(crate::core::edit::Edit::StartReReview(stamp)));
            out.push(Command::CloseDialog);
        }
        let cancel = ui.button(tr("common.cancel"));
        if fresh {
            cancel.request_focus();
        }
        if cancel.clicked() {
            out.push(Command::CloseDialog);
        }
    });
}
