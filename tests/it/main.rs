//! Integration tests: one binary, each test on its own fresh database.
//! `FRONTDOOR_TEST_DB=sqlite` (the default) or `postgres` chooses the backend;
//! `.ci/run` runs the whole suite on both.

mod support;

mod adjustments;
mod admin_services;
mod api;
mod attachments;
mod audit;
mod callbacks;
mod calls;
mod case_actions;
mod cases;
mod clocks;
mod complaints;
mod councillors;
mod customers;
mod deadline;
mod demo;
mod face_to_face;
mod information;
mod insight;
mod languages;
mod letters;
mod log_contact;
mod mail;
mod migrations;
mod nodes;
mod open311;
mod operations;
mod performance;
mod privacy;
mod process;
mod public_site;
mod queues;
mod search;
mod security;
mod staff;
mod templates;
mod tracking;
mod web_form;
mod webhooks;
