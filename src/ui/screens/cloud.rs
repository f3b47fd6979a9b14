//! Step 6's questions of today's national terms, above the 表4 checklist: whether the
//! service is a cloud service, whether it handles 要機密情報, and its ISMAP / ISMAP-LIU
//! listing — whose disclosed data region, law and court can be copied into the terms'
//! fields as their evidence.

use egui::RichText;

use crate::core::case::{CloudFacts, Listing, cloud};
use crate::core::edit::Edit;
use crate::tr;

use super::View;
use crate::ui::app::Command;
use crate::ui::widgets;

/// Where a listing's text field is kept in the facts.
type FieldOf = fn(&mut CloudFacts) -> &mut String;

/// Draws the cloud questions and the listing.
pub fn form(v: &View, ui: &mut egui::Ui, out: &mut Vec<Command>) {
    let c = &v.case.terms_check.cloud;
    let set = |out: &mut Vec<Command>, change: &dyn Fn(&mut CloudFacts)| {
        let mut next = c.clone();
        change(&mut next);
        out.push(Command::Edit(Edit::Cloud(next)));
    };
    widgets::section(ui, &tr("cloud.title"));
    yes_no(ui, &tr("cloud.is_cloud"), c.is_cloud, |answer| set(out, &|n| n.is_cloud = Some(answer)));
    if c.is_cloud != Some(true) {
        return;
    }
    yes_no(ui, &tr("cloud.confidential"), c.confidential, |answer| set(out, &|n| n.confidential = Some(answer)));
    ui.label(tr("cloud.listing"));
    ui.horizontal_wrapped(|ui| {
        for listing in [Listing::NotChecked, Listing::NotListed, Listing::Ismap, Listing::IsmapLiu] {
            if ui.radio(c.listing == listing, cloud::register_name(listing, v.lang)).clicked() && c.listing != listing {
                set(out, &|n| n.listing = listing);
            }
        }
    });
    if !c.is_listed() {
        return;
    }
    let fields: [(&str, &str, FieldOf); 5] = [
        ("cloud.listed_name", &c.listed_name, |n| &mut n.listed_name),
        ("cloud.listed_until", &c.listed_until, |n| &mut n.listed_until),
        ("cloud.disclosed_region", &c.disclosed_region, |n| &mut n.disclosed_region),
        ("cloud.disclosed_law", &c.disclosed_law, |n| &mut n.disclosed_law),
        ("cloud.disclosed_court", &c.disclosed_court, |n| &mut n.disclosed_court),
    ];
    for (key, value, slot) in fields {
        if let Some(new) = widgets::text_line(ui, widgets::field_id(key), &tr(key), value) {
            set(out, &|n| slot(n).clone_from(&new));
        }
    }
    // The listing's validity today, in the memo's words.
    let words = cloud::listing_words(c, crate::ui::app::today(), v.lang, v.rules.organisation.date_style);
    if cloud::listing_expiry(c, crate::ui::app::today()).is_expired() {
        widgets::warn(ui, &words);
    } else {
        ui.label(RichText::new(words).small());
    }
    ui.label(RichText::new(v.rules.words("ui.terms.cloud_listing_note", v.lang, &[])).small());
    let disclosed = [&c.disclosed_region, &c.disclosed_law, &c.disclosed_court];
    if ui
        .add_enabled(disclosed.iter().any(|d| !d.trim().is_empty()), egui::Button::new(tr("cloud.copy_disclosed")))
        .clicked()
    {
        let tc = &v.case.terms_check;
        let pick = |disclosed: &str, recorded: &str| {
            if disclosed.trim().is_empty() { recorded.to_string() } else { disclosed.to_string() }
        };
        out.push(Command::Edit(Edit::TermsMeta {
            data_location: pick(&c.disclosed_region, &tc.data_location),
            governing_law: pick(&c.disclosed_law, &tc.governing_law),
            court: pick(&c.disclosed_court, &tc.court),
        }));
    }
}

/// A yes/no question as two radio buttons (neither chosen while unanswered).
fn yes_no(ui: &mut egui::Ui, question: &str, value: Option<bool>, mut answer: impl FnMut(bool)) {
    ui.horizontal_wrapped(|ui| {
        ui.label(question);
        for (choice, key) in [(true, "cloud.yes"), (false, "cloud.no")] {
            if ui.radio(value == Some(choice), tr(key)).clicked() && value != Some(choice) {
                answer(choice);
            }
        }
    });
}
