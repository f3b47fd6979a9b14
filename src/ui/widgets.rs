//! Small widgets shared by the screens: labelled text fields that screen readers can
//! name, required-reason fields, clause chips and the outcome badge.

use egui::{Color32, RichText};

use crate::core::engine::StepState;
use crate::core::risk::RiskLevel;
use crate::core::rules::RuleSet;
use crate::core::rules::files::OutcomeKind;
use crate::core::text::Lang;
use crate::tr;

use super::app::Command;

/// The id of an input field, from what the field holds (`("question.reason", node_id)`),
/// never from its position: a banner or note that appears above a field must not change
/// its id, or egui would move the keyboard focus away in the middle of typing.
#[must_use]
pub fn field_id(key: impl std::hash::Hash + std::fmt::Debug) -> egui::Id {
    egui::Id::unique(("itaku-navi-field", key))
}

fn first_focus_id() -> egui::Id {
    egui::Id::unique("itaku-navi-first-focus")
}

/// Asks that the first input drawn from now on in this frame take the keyboard focus: set
/// when a screen is entered, or when Tab is pressed with nothing focused, so the keyboard
/// starts in the form and not in the menu bar.
pub fn want_first_focus(ctx: &egui::Context, want: bool) {
    ctx.data_mut(|d| d.insert_temp(first_focus_id(), want));
}

/// Gives this input the focus if [`want_first_focus`] asked for it and no input took it yet.
pub fn offer_focus(response: &egui::Response) {
    let ctx = &response.ctx;
    if ctx.data(|d| d.get_temp::<bool>(first_focus_id())).unwrap_or(false) {
        want_first_focus(ctx, false);
        response.request_focus();
    }
}

/// A group of radio buttons that behaves like a native one: one Tab stop, the arrow keys
/// move the choice (and the focus) within the group instead of leaving it; Space or Enter
/// picks the focused one. `key` names the group (what it answers, e.g. `("inventory.important",
/// item_id)`), so its radios keep their ids — and the focus — when a line appears or goes
/// above them. Returns the value the user chose, if they chose one this frame.
pub fn radio_group<T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    key: impl std::hash::Hash + std::fmt::Debug,
    selected: Option<&T>,
    options: &[(T, String)],
) -> Option<T> {
    let selected_at = options.iter().position(|(v, _)| selected == Some(v));
    let stop_at = selected_at.unwrap_or(0);
    let responses: Vec<egui::Response> = options
        .iter()
        .enumerate()
        .map(|(i, (value, label))| {
            radio(ui, field_id(("radio", &key, i)), selected == Some(value), label.as_str(), i == stop_at)
        })
        .collect();
    radio_keys(ui, &responses, selected_at).map(|i| options[i].0.clone()).filter(|v| selected != Some(v))
}

/// A radio button of a group; only the group's `tab_stop` (its chosen radio, or its first
/// when none is chosen) takes the keyboard focus from Tab, as on Windows, so a group is one
/// Tab stop and [`radio_keys`] moves within it. Drawn as egui's own radio button, with the
/// stable `id` the caller gives (see [`field_id`]).
pub fn radio(ui: &mut egui::Ui, id: egui::Id, checked: bool, label: &str, tab_stop: bool) -> egui::Response {
    let spacing = ui.spacing();
    let icon_width = spacing.icon_width;
    let mut min_size = egui::Vec2::splat(spacing.interact_size.y);
    min_size.y = min_size.y.max(icon_width);
    let mut icon_size = egui::Vec2::splat(icon_width);
    icon_size.y = icon_size.y.max(min_size.y);
    let icon = egui::IdSalt::new("radio_button_icon");
    let mut atoms: egui::Atoms<'_> = egui::IntoAtoms::into_atoms(label);
    atoms.push_left(egui::Atom::custom(icon, icon_size));
    let sense = if tab_stop { egui::Sense::click() } else { egui::Sense::CLICK };
    let mut prepared = egui::WidgetAtom::new(atoms).id(id).sense(sense).min_size(min_size).allocate(ui);
    prepared.response.widget_info(|| {
        egui::WidgetInfo::selected(egui::accesskit::Role::RadioButton, ui.is_enabled(), checked, label)
    });
    if !ui.is_rect_visible(prepared.response.rect) {
        return prepared.response;
    }
    let visuals = *ui.style().interact(&prepared.response);
    prepared.fallback_text_color = visuals.text_color();
    let response = prepared.paint(ui);
    if let Some(rect) = response.rect(icon) {
        let (small, big) = ui.spacing().icon_rectangles(rect);
        let painter = ui.painter();
        painter.circle(big.center(), big.width() * 0.5 + visuals.expansion, visuals.bg_fill, visuals.bg_stroke);
        if checked {
            painter.circle_filled(small.center(), small.width() / 3.0, visuals.fg_stroke.color);
        }
    }
    response.response
}

/// The keyboard of a radio group drawn with [`radio`] (`responses`, in order; `selected_at`
/// the chosen one): Tab enters the group on its chosen radio (or the first) and leaves it
/// with the next Tab; the arrow keys move the choice and the focus within it; Space or
/// Enter picks the focused radio. Returns the index chosen this frame by click or arrow
/// (the caller ignores the one already chosen).
pub fn radio_keys(ui: &mut egui::Ui, responses: &[egui::Response], selected_at: Option<usize>) -> Option<usize> {
    if let Some(r) = responses.get(selected_at.unwrap_or(0)) {
        offer_focus(r);
    }
    let mut chosen = responses.iter().position(egui::Response::clicked);
    if let Some(at) = responses.iter().position(egui::Response::has_focus) {
        let filter = egui::EventFilter { horizontal_arrows: true, vertical_arrows: true, ..Default::default() };
        ui.memory_mut(|m| m.set_focus_lock_filter(responses[at].id, filter));
        let (next, prev) = ui.input_mut(|i| {
            let next = i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown)
                || i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowRight);
            let prev = i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp)
                || i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowLeft);
            (next, prev)
        });
        let n = responses.len();
        let to = if next {
            Some((at + 1) % n)
        } else if prev {
            Some((at + n - 1) % n)
        } else {
            None
        };
        if let Some(to) = to {
            responses[to].request_focus();
            responses[to].scroll_to_me(None);
            chosen = Some(to);
        }
    }
    chosen
}

/// A table cell's text, with `full` (its whole text, when the cell may show less) as its
/// tooltip; the label's own tooltip for a cut text is off, so one tooltip shows, not two.
pub fn cell(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>, full: &str) -> egui::Response {
    let r = ui.add(egui::Label::new(text).show_tooltip_when_elided(false));
    if !full.is_empty() {
        full_on_hover(&r, full);
    }
    r
}

/// `r` with `text` as its tooltip. The tooltip is only asked for while the pointer is on
/// `r`: a table's cells are many, and asking each on every frame costs more than the label.
fn full_on_hover(r: &egui::Response, text: &str) {
    if r.contains_pointer() {
        r.clone().on_hover_text(text);
    }
}

/// What a row's name cell answered ([`row_stop`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct RowStop {
    /// The cell was clicked (or Enter or Space pressed on it).
    pub clicked: bool,
    /// The cell was double-clicked.
    pub double_clicked: bool,
    /// The row the arrow keys ask to select next ([`row_keys`]).
    pub moved: Option<usize>,
}

/// The name cell of a table row, the table's one Tab stop when `stop` (the selected row, or
/// the first when none is): other rows answer clicks but take no Tab. `focus` set asks the
/// stop to take the focus now (the arrows moved it), and is cleared.
pub fn row_stop(
    ui: &mut egui::Ui,
    table: A11yTable,
    name: &str,
    (selected, stop): (bool, bool),
    focus: &mut bool,
    (index, rows): (usize, usize),
) -> RowStop {
    if !stop && !table.on {
        // Not selected (the stop is the selected row): its text looks the same as the
        // button's, and the row's own response takes its clicks; a button costs more than
        // the text. A screen reader (AccessKit on) is given a button in every row, named
        // after it. Where the button's text would start, so the names line up.
        ui.add_space(ui.spacing().button_padding.x);
        table.text(ui, name, name);
        return RowStop::default();
    }
    let sense = if stop { egui::Sense::click() } else { egui::Sense::CLICK };
    let r = ui.add(egui::Button::selectable(selected, name).sense(sense));
    full_on_hover(&r, name);
    let answered = RowStop { clicked: r.clicked(), double_clicked: r.double_clicked(), moved: None };
    if !stop {
        return answered;
    }
    if std::mem::take(focus) {
        r.request_focus();
    }
    let moved = row_keys(&r, index, rows);
    if moved.is_some() {
        *focus = true;
        ui.ctx().request_repaint();
    }
    RowStop { moved, ..answered }
}

/// The keyboard of a table whose one Tab stop is the selected row (`stop`, the row at
/// `index` of `rows`): while it has the focus, the up and down arrows stay in the table
/// and return the row to select next (the caller moves the stop there and focuses it).
#[must_use]
pub fn row_keys(stop: &egui::Response, index: usize, rows: usize) -> Option<usize> {
    if !stop.has_focus() {
        return None;
    }
    let filter = egui::EventFilter { vertical_arrows: true, ..Default::default() };
    stop.ctx.memory_mut(|m| m.set_focus_lock_filter(stop.id, filter));
    let (down, up) = stop.ctx.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
        )
    });
    if down && index + 1 < rows {
        Some(index + 1)
    } else if up && index > 0 {
        Some(index - 1)
    } else {
        None
    }
}

/// Call at the end of a scroll area's contents: a widget in them that took the keyboard
/// focus this frame (Tab, an arrow) is scrolled into view, so Tab never walks into hidden
/// choices. (A scroll target is taken by the scroll area it is set in.)
pub fn keep_focus_in_view(ui: &egui::Ui) {
    let ctx = ui.ctx();
    let Some(r) = ctx.memory(egui::Memory::focused).and_then(|id| ctx.read_response(id)) else { return };
    if r.gained_focus() && ui.min_rect().contains_rect(r.rect) {
        r.scroll_to_me(None);
    }
}

/// An invisible stop at the end of a panel. Tab reaches it after the panel's last widget;
/// it returns true then, and the caller sends the focus on to the next panel in the form's
/// order (form → buttons → guidance → sidebar → form). Shift+Tab passes through it.
pub fn tab_stop(ui: &mut egui::Ui) -> bool {
    let r = ui.allocate_response(egui::Vec2::splat(1.0), egui::Sense::focusable_noninteractive());
    // Named for a screen reader, which may land on it on the way.
    r.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::GenericContainer, true, tr("a11y.next_panel")));
    // Only on arrival: if nothing takes the focus onward, it stays here without looping.
    if !r.gained_focus() {
        return false;
    }
    if ui.input(|i| i.modifiers.shift) {
        ui.memory_mut(|m| m.move_focus(egui::FocusDirection::Previous));
        return false;
    }
    true
}

/// Remembers the first focusable widget of a panel (`key`), where a tab stop sends the focus.
pub fn mark_first(ui: &egui::Ui, key: &str, response: &egui::Response) {
    ui.ctx().data_mut(|d| d.insert_temp(egui::Id::unique(("itaku-navi-first", key)), response.id));
}

/// The first focusable widget of a panel, as last marked.
#[must_use]
pub fn first_of(ctx: &egui::Context, key: &str) -> Option<egui::Id> {
    ctx.data(|d| d.get_temp::<egui::Id>(egui::Id::unique(("itaku-navi-first", key))))
}

/// The colour of the keyboard focus ring, strong enough to see in both themes.
#[must_use]
pub fn focus_ring_color(dark: bool) -> Color32 {
    if dark { Color32::from_rgb(0xff, 0xc8, 0x3d) } else { Color32::from_rgb(0x00, 0x5f, 0xcc) }
}

/// Draws a ring around the widget that has the keyboard focus, above everything, so the
/// keyboard user always sees where they are (egui's own hint is faint on buttons and chips).
pub fn focus_ring(ctx: &egui::Context) {
    let Some(id) = ctx.memory(egui::Memory::focused) else { return };
    let Some(response) = ctx.read_response(id) else { return };
    let painter =
        ctx.layer_painter(egui::LayerId::new(egui::Order::Tooltip, egui::Id::unique("itaku-navi-focus-ring")));
    let color = focus_ring_color(ctx.theme() == egui::Theme::Dark);
    painter.rect_stroke(response.rect.expand(2.0), 3.0, egui::Stroke::new(2.0, color), egui::StrokeKind::Outside);
}

/// A label and a one-line text field tied to it for AccessKit. Returns the new text when
/// the user changed it.
pub fn text_line(ui: &mut egui::Ui, id: egui::Id, label: &str, value: &str) -> Option<String> {
    let mut text = value.to_string();
    let changed = ui
        .horizontal(|ui| {
            let l = ui.label(label);
            let r = ui.add(egui::TextEdit::singleline(&mut text).id(id).desired_width(f32::INFINITY)).labelled_by(l.id);
            offer_focus(&r);
            r.changed()
        })
        .inner;
    changed.then_some(text)
}

/// A label above a multi-line text field tied to it. Returns the new text when changed.
pub fn text_area(ui: &mut egui::Ui, id: egui::Id, label: &str, value: &str, rows: usize) -> Option<String> {
    let mut text = value.to_string();
    let l = ui.label(label);
    let r = ui
        .add(egui::TextEdit::multiline(&mut text).id(id).desired_rows(rows).desired_width(f32::INFINITY))
        .labelled_by(l.id);
    offer_focus(&r);
    let changed = r.changed();
    changed.then_some(text)
}

/// A reason field. When `required` and empty, the label says so in red.
pub fn reason(ui: &mut egui::Ui, id: egui::Id, label: &str, value: &str, required: bool) -> Option<String> {
    multiline(ui, id, label, value, required, &tr("common.reason_hint"))
}

/// A labelled multi-line field with its own hint; `required` marks it when empty.
pub fn multiline(
    ui: &mut egui::Ui,
    id: egui::Id,
    label: &str,
    value: &str,
    required: bool,
    hint: &str,
) -> Option<String> {
    let mut text = value.to_string();
    let missing = required && value.trim().is_empty();
    let caption = if required { format!("{label}{}", tr("common.required")) } else { label.to_string() };
    let l =
        if missing { ui.label(RichText::new(caption).color(ui.visuals().error_fg_color)) } else { ui.label(caption) };
    let changed = ui
        .add(egui::TextEdit::multiline(&mut text).id(id).desired_rows(2).desired_width(f32::INFINITY).hint_text(hint))
        .labelled_by(l.id);
    offer_focus(&changed);
    changed.changed().then_some(text)
}

/// The clauses behind something, as small buttons that open the clause's text. A screen
/// reader hears each with its heading (「5.2(1) …」), not the number alone.
pub fn citations(ui: &mut egui::Ui, (rules, lang): (&RuleSet, Lang), citations: &[String], out: &mut Vec<Command>) {
    if citations.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.label(RichText::new(tr("common.basis")).small().weak());
        for c in citations {
            let b = ui.add(egui::Button::new(RichText::new(c).small()).small());
            if let Some(heading) = rules.clause(c).map(|d| d.heading.get(lang)).filter(|h| !h.is_empty()) {
                let name = format!("{c} {heading}");
                b.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Button, true, &name));
            }
            if b.on_hover_text(tr("common.show_clause")).clicked() {
                out.push(Command::ShowClause(c.clone()));
            }
        }
    });
}

/// Under a quoted clause: the organisation's own article and the current national clause
/// (「未設定」 where none is set), worded by the rule set as the documents word them.
pub fn own_reference(ui: &mut egui::Ui, rules: &RuleSet, lang: Lang, clause_id: &str) {
    let (own, national) = rules.reference_words(clause_id, lang);
    ui.label(RichText::new(format!("{}: {own}", tr("guidance.own_reference"))).small());
    ui.label(RichText::new(format!("{}: {national}", tr("guidance.national_reference"))).small().weak());
}

/// The colour that stands for an outcome.
#[must_use]
pub fn outcome_color(kind: OutcomeKind, dark: bool) -> Color32 {
    let (light, dk) = match kind {
        OutcomeKind::Permitted | OutcomeKind::PermittedNarrowed => {
            (Color32::from_rgb(0x1b, 0x7a, 0x3a), Color32::from_rgb(0x6c, 0xd0, 0x8a))
        }
        OutcomeKind::JudgmentRequest => (Color32::from_rgb(0x1f, 0x5f, 0xa8), Color32::from_rgb(0x8a, 0xb8, 0xf0)),
        OutcomeKind::ExceptionRequest => (Color32::from_rgb(0xa0, 0x5a, 0x00), Color32::from_rgb(0xf0, 0xb0, 0x60)),
        OutcomeKind::Prohibited => (Color32::from_rgb(0xb0, 0x20, 0x20), Color32::from_rgb(0xff, 0x80, 0x80)),
    };
    if dark { dk } else { light }
}

/// A framed badge with the outcome's short name (from the rule set, so it is spelled as in the memo).
pub fn outcome_badge(ui: &mut egui::Ui, rules: &RuleSet, lang: Lang, kind: OutcomeKind) -> egui::Response {
    let name = rules.outcome_name(kind).get(lang).to_string();
    let color = outcome_color(kind, ui.visuals().dark_mode);
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.5, color))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(8, 3))
        .show(ui, |ui| ui.label(RichText::new(name).strong().color(color)))
        .inner
}

/// The mark and word for a step's progress.
#[must_use]
pub fn step_mark(state: StepState) -> (&'static str, String) {
    match state {
        StepState::Done => ("✔", tr("step.done")),
        StepState::Current => ("▶", tr("step.current")),
        StepState::NotYet => ("○", tr("step.not_yet")),
        StepState::NotApplicable => ("－", tr("step.not_applicable")),
    }
}

/// The word for a risk level.
#[must_use]
pub fn risk_name(level: RiskLevel) -> String {
    tr(match level {
        RiskLevel::Low => "risk.low",
        RiskLevel::Medium => "risk.medium",
        RiskLevel::High => "risk.high",
    })
}

/// The colour of a risk level.
#[must_use]
pub fn risk_color(level: RiskLevel) -> Color32 {
    match level {
        RiskLevel::Low => Color32::from_rgb(0x5c, 0xb8, 0x5c),
        RiskLevel::Medium => Color32::from_rgb(0xf0, 0xad, 0x4e),
        RiskLevel::High => Color32::from_rgb(0xd9, 0x53, 0x4f),
    }
}

/// A heading for a block within a screen.
pub fn section(ui: &mut egui::Ui, text: &str) {
    ui.add_space(8.0);
    ui.label(RichText::new(text).strong().size(16.0));
}

/// A warning line in the error colour.
pub fn warn(ui: &mut egui::Ui, text: &str) {
    ui.label(RichText::new(format!("⚠ {text}")).color(ui.visuals().warn_fg_color));
}

/// A table as a screen reader should hear it (AccessKit table, row and cell roles): egui's
/// tables are flat labels. Draw the table inside [`A11yTable::show`]; wrap each cell's
/// content in [`A11yTable::cell`] with the row's index (`None` for the header row).
/// With no assistive technology listening (AccessKit off) it adds nothing: the tables of
/// 10 000 rows draw as cheaply as before.
#[derive(Clone, Copy)]
pub struct A11yTable {
    id: egui::Id,
    on: bool,
}

impl A11yTable {
    /// Draws `add` inside a container announced as a table named `name`.
    pub fn show<R>(ui: &mut egui::Ui, name: &str, add: impl FnOnce(&mut egui::Ui, Self) -> R) -> R {
        let builder = egui::UiBuilder::new().accessibility_role(egui::accesskit::Role::Table).accessibility_label(name);
        ui.scope_builder(builder, |ui| {
            // egui builds a node only while AccessKit is on.
            let on = ui.ctx().accesskit_node_builder(ui.unique_id(), |_| ()).is_some();
            let table = Self { id: ui.unique_id(), on };
            add(ui, table)
        })
        .inner
    }

    /// Draws the next cell of a table row as [`Self::cell`] does.
    pub fn col(self, row: &mut egui_extras::TableRow<'_, '_>, index: Option<usize>, add: impl FnOnce(&mut egui::Ui)) {
        row.col(|ui| self.cell(ui, index, add));
    }

    /// A cell's text, with `full` (its whole text, when the cell may show less) as its
    /// tooltip, as [`cell`] shows it. With AccessKit off it is painted straight from its
    /// laid-out text ([`painted_text`]): a label is a widget of its own, and the labels are
    /// most of a table's frame; a screen reader is given the labels.
    pub fn text(self, ui: &mut egui::Ui, text: impl Into<egui::WidgetText>, full: &str) {
        if self.on {
            cell(ui, text, full);
        } else {
            painted_text(ui, text.into(), full);
        }
    }

    /// Draws one cell of row `row` (`None`: the header row, whose cells are column headers).
    /// The row is announced from its first cell on.
    pub fn cell<R>(self, ui: &mut egui::Ui, row: Option<usize>, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
        use egui::accesskit::Role;
        if !self.on {
            return add(ui);
        }
        let row_id = self.id.with(("row", row));
        let pass = ui.ctx().cumulative_pass_nr();
        let drawn = ui.ctx().data_mut(|d| {
            let seen = d.get_temp::<u64>(row_id) == Some(pass);
            d.insert_temp(row_id, pass);
            seen
        });
        if !drawn {
            // A child with no room of its own: it only stands for the row in the tree.
            let _ = ui.new_child(
                egui::UiBuilder::new().scope_id(row_id).accessibility_parent(self.id).accessibility_role(Role::Row),
            );
        }
        let role = if row.is_some() { Role::Cell } else { Role::ColumnHeader };
        ui.scope_builder(egui::UiBuilder::new().accessibility_parent(row_id).accessibility_role(role), add).inner
    }
}

/// What [`cell`] shows, painted without the label's widget: the same text laid out the same
/// way (egui's `Label::layout_in_ui` for text that does not flow on from a widget before
/// it), at the same place, in the same colour, with the same tooltip while the pointer is
/// on it. For cells of a table whose labels take no clicks and cannot be selected (a row
/// takes the clicks); text that would flow on from the widget before it, or selectable
/// labels, are left to the label.
fn painted_text(ui: &mut egui::Ui, text: egui::WidgetText, full: &str) {
    use egui::TextWrapMode;
    let layout = *ui.layout();
    let wrap_mode = ui.wrap_mode();
    let flows_on =
        wrap_mode == TextWrapMode::Wrap && layout.main_dir() == egui::Direction::LeftToRight && layout.main_wrap();
    if flows_on || ui.style().interaction.selectable_labels || matches!(text, egui::WidgetText::Galley(_)) {
        cell(ui, text, full);
        return;
    }
    let mut job = std::sync::Arc::unwrap_or_clone(text.into_layout_job(
        ui.style(),
        egui::FontSelection::Default,
        ui.text_valign(),
    ));
    let available_width = ui.available_width();
    match wrap_mode {
        TextWrapMode::Extend => job.wrap.max_width = f32::INFINITY,
        TextWrapMode::Wrap => job.wrap.max_width = available_width,
        TextWrapMode::Truncate => {
            job.wrap.max_width = available_width;
            job.wrap.max_rows = 1;
            job.wrap.break_anywhere = true;
        }
    }
    job.halign = layout.horizontal_placement();
    job.justify = layout.horizontal_justify();
    let galley = ui.fonts_mut(|fonts| fonts.layout_job(job));
    let size = galley.size();
    let (id, allocated) = ui.allocate_space(size);
    if ui.is_rect_visible(allocated) {
        let rect = layout.align_size_within_rect(size, allocated);
        let pos = match galley.job.halign {
            egui::Align::LEFT => rect.left_top(),
            egui::Align::Center => rect.center_top(),
            egui::Align::RIGHT => rect.right_top(),
        };
        let color = ui.style().visuals.text_color();
        ui.painter().add(egui::epaint::TextShape::new(pos, galley, color));
    }
    if !full.is_empty() && ui.rect_contains_pointer(allocated) {
        ui.interact(allocated, id, egui::Sense::hover()).on_hover_text(full);
    }
}

/// A combo box the keyboard can use: egui closes its list on a pointer click only, so a
/// choice made with Enter or Space left the list open and the focus on a choice that was
/// then gone. Here any choice closes the list and gives the focus back to the box.
pub fn combo(ui: &mut egui::Ui, combo: egui::ComboBox, add: impl FnOnce(&mut egui::Ui)) -> egui::Response {
    let mut chosen = false;
    let shown = combo.show_ui(ui, |ui| {
        add(ui);
        let ctx = ui.ctx().clone();
        chosen = ctx
            .memory(egui::Memory::focused)
            .and_then(|id| ctx.read_response(id))
            .is_some_and(|r| r.clicked() && ui.min_rect().contains_rect(r.rect));
        if chosen {
            ui.close();
        }
    });
    if chosen {
        shown.response.request_focus();
    }
    shown.response
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts a frame paints, as (position, text, cut short, colour), in painting order.
    fn painted(
        ctx: &egui::Context,
        input: egui::RawInput,
        draw: impl FnMut(&mut egui::Ui),
    ) -> Vec<(egui::Pos2, String, bool, Color32)> {
        let mut out = ctx.run_ui(input, draw);
        // No renderer here to take the font atlas's changes.
        out.textures_delta.clear();
        let mut texts = Vec::new();
        for clipped in out.shapes {
            if let egui::Shape::Text(t) = clipped.shape {
                texts.push((t.pos, t.galley.text().to_owned(), t.galley.elided, t.fallback_color));
            }
        }
        texts
    }

    fn input(pointer: Option<egui::Pos2>, time: f64) -> egui::RawInput {
        egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 300.0))),
            events: pointer.map(egui::Event::PointerMoved).into_iter().collect(),
            time: Some(time),
            ..Default::default()
        }
    }

    /// A row of table-like cells (left to right, centred, cut to their width, labels not
    /// selectable), each text drawn by `each`.
    fn row(ui: &mut egui::Ui, each: &mut dyn FnMut(&mut egui::Ui, egui::WidgetText, &str)) {
        ui.style_mut().interaction.selectable_labels = false;
        let texts: [(egui::WidgetText, &str); 5] = [
            ("重要でない".into(), ""),
            (RichText::new("重要").strong().into(), ""),
            (RichText::new("期限切れ").color(ui.visuals().warn_fg_color).into(), "期限切れ"),
            ("アクセス可能で、とても長い理由の一行目".into(), "アクセス可能で、とても長い理由の一行目\n二行目"),
            (RichText::new("cases/2026/case-00001.json").small().into(), "2026-12-07"),
        ];
        let mut x = 10.0;
        for (text, full) in texts {
            let rect = egui::Rect::from_min_size(egui::pos2(x, 40.0), egui::vec2(90.0, 24.0));
            let mut cell = ui.new_child(
                egui::UiBuilder::new().max_rect(rect).layout(egui::Layout::left_to_right(egui::Align::Center)),
            );
            cell.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            cell.set_clip_rect(rect);
            each(&mut cell, text.clone(), full);
            // What comes after the text in the cell lands where it would after a label.
            cell.label("・");
            x += 100.0;
        }
    }

    /// Table cells painted without a label's widget look exactly as the labels did: the same
    /// texts (cut the same way) at the same places in the same colours, and what follows
    /// them in the same place.
    #[test]
    fn painted_cells_look_as_the_labels_did() {
        let frames = |paint: bool| {
            let ctx = egui::Context::default();
            crate::ui::setup(&ctx);
            let mut last = Vec::new();
            for frame in 0..3 {
                last = painted(&ctx, input(None, f64::from(frame)), |ui| {
                    egui::CentralPanel::default().show(ui, |ui| {
                        row(ui, &mut |ui, text, full| {
                            if paint {
                                painted_text(ui, text, full);
                            } else {
                                cell(ui, text, full);
                            }
                        });
                    });
                });
            }
            last
        };
        let labels = frames(false);
        // The last two cells' dots are pushed out of their cells by the cut texts.
        assert_eq!(labels.len(), 8, "five texts and three dots: {labels:?}");
        assert_eq!(labels.iter().filter(|(.., cut, _)| *cut).count(), 2, "the long texts are cut: {labels:?}");
        assert_eq!(frames(true), labels);
    }

    /// The pointer on a painted cell shows its whole text as the tooltip, and only there.
    #[test]
    fn a_painted_cell_shows_its_whole_text_under_the_pointer() {
        let tooltips = |pointer: egui::Pos2| {
            let ctx = egui::Context::default();
            crate::ui::setup(&ctx);
            let mut texts = Vec::new();
            for frame in 0..12 {
                let moved = (frame == 0).then_some(pointer);
                texts = painted(&ctx, input(moved, f64::from(frame) * 0.25), |ui| {
                    egui::CentralPanel::default()
                        .show(ui, |ui| row(ui, &mut |ui, text, full| painted_text(ui, text, full)));
                });
            }
            // The tooltip shows below the cells (y 40..64).
            texts.into_iter().filter(|(pos, ..)| pos.y > 64.0).map(|(_, t, ..)| t).collect::<Vec<_>>()
        };
        // The fourth cell (x 310..400) holds the cut text.
        assert_eq!(tooltips(egui::pos2(330.0, 52.0)), ["アクセス可能で、とても長い理由の一行目\n二行目"]);
        assert_eq!(tooltips(egui::pos2(230.0, 52.0)), ["期限切れ"]);
        assert!(tooltips(egui::pos2(30.0, 52.0)).is_empty(), "a cell with no whole text given shows none");
        assert!(tooltips(egui::pos2(600.0, 200.0)).is_empty(), "off the cells: no tooltip");
    }
}
