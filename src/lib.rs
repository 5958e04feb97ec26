//! frontdoor: a council's single front door. See ARCHITECTURE.md.

pub mod app;
pub mod attachments;
pub mod bench;
pub mod calendar;
pub mod cases;
pub mod clocks;
pub mod complaints;
pub mod config;
pub mod contacts;
pub mod customers;
pub mod db;
pub mod demo;
pub mod information;
pub mod intake;
pub mod jobs;
pub mod mail;
pub mod notices;
pub mod org;
pub mod outbox;
pub mod plain;
pub mod rollups;
pub mod search;
pub mod services;
pub mod sessions;
pub mod standards;
pub mod web;
