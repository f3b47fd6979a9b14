//! Japanese input through an IME, kept whole where egui 0.37 lets a key through: the Return
//! that commits a conversion (X11 input methods send it in the same frame as the commit)
//! and the Return meant for a composition the user left by clicking another field are not
//! typed into a field as a line break. A workaround in the app for what egui's text field
//! does with those events (reported upstream as emilk/egui#7876); everything else is
//! egui's own IME handling.

use egui::{Event, ImeEvent, Key};

/// What the app remembers of the IME between frames.
#[derive(Debug, Default)]
pub struct ImeGuard {
    /// A composition is in progress (a non-empty preedit not yet committed or cleared).
    composing: bool,
    /// The focus left a field mid-composition: the next Return belongs to the IME.
    swallow_return: bool,
}

impl ImeGuard {
    /// Filters this frame's input before any widget reads it. `focus_moved`: the keyboard
    /// focus is on another widget than at the start of the last frame.
    pub fn before_frame(&mut self, ctx: &egui::Context, focus_moved: bool) {
        if focus_moved && self.composing {
            self.composing = false;
            self.swallow_return = true;
        }
        ctx.input_mut(|input| {
            let committed = input.events.iter().any(|e| matches!(e, Event::Ime(ImeEvent::Commit(t)) if !t.is_empty()));
            let mut swallow = self.swallow_return;
            input.events.retain(|e| match e {
                Event::Key { key: Key::Enter, pressed: true, .. } if committed || swallow => {
                    swallow = false;
                    false
                }
                // Some platforms send the Return as text as well (egui issue #7876).
                Event::Text(t) if (committed || self.swallow_return) && (t == "\n" || t == "\r") => false,
                Event::Key { pressed: true, .. } | Event::Text(_) => {
                    swallow = false;
                    true
                }
                _ => true,
            });
            self.swallow_return = swallow;
            for e in &input.events {
                match e {
                    Event::Ime(ImeEvent::Preedit { text, .. }) => self.composing = !text.is_empty(),
                    Event::Ime(ImeEvent::Commit(_)) => self.composing = false,
                    _ => {}
                }
            }
        });
    }
}
