//! The demo council's own questions for some services, so its forms show every kind of
//! answer: one choice, several choices, a date, a number and text.

use crate::services::{Choice, Field, FieldKind};

struct Spec {
    service: &'static str,
    code: &'static str,
    label: &'static str,
    hint: &'static str,
    kind: FieldKind,
    required: bool,
    choices: &'static [(&'static str, &'static str)],
}

const SPECS: &[Spec] = &[
    Spec {
        service: "missed-bin",
        code: "bin",
        label: "Which bin was missed?",
        hint: "",
        kind: FieldKind::Single,
        required: true,
        choices: &[
            ("black", "Black bin (rubbish)"),
            ("blue", "Blue bin (recycling)"),
            ("green", "Green bin (garden waste)"),
            ("food", "Food waste caddy"),
        ],
    },
    Spec {
        service: "missed-bin",
        code: "due",
        label: "When should it have been collected?",
        hint: "For example, 27 3 2026",
        kind: FieldKind::Date,
        required: false,
        choices: &[],
    },
    Spec {
        service: "fly-tipping",
        code: "what",
        label: "What has been dumped?",
        hint: "Select all that apply",
        kind: FieldKind::Multiple,
        required: true,
        choices: &[
            ("bags", "Black bags"),
            ("furniture", "Furniture or mattresses"),
            ("building", "Building rubble"),
            ("electrical", "Fridges or electrical items"),
            ("hazardous", "Chemicals, asbestos or needles"),
            ("other", "Something else"),
        ],
    },
    Spec {
        service: "pothole",
        code: "width",
        label: "About how wide is it, in centimetres?",
        hint: "A guess is fine",
        kind: FieldKind::Number,
        required: false,
        choices: &[],
    },
    Spec {
        service: "abandoned-vehicle",
        code: "registration",
        label: "Registration number, if you can see it",
        hint: "",
        kind: FieldKind::Text,
        required: false,
        choices: &[],
    },
];

/// (service code, question) for every demo question, in form order.
pub fn all() -> impl Iterator<Item = (&'static str, Field)> {
    SPECS.iter().map(|s| {
        let choices = s.choices.iter().map(|(key, name)| Choice { key: (*key).into(), name: (*name).into() }).collect();
        let field = Field {
            code: s.code.into(),
            label: s.label.into(),
            hint: s.hint.into(),
            kind: s.kind,
            required: s.required,
            choices,
        };
        (s.service, field)
    })
}
