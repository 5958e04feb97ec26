//! The services catalogue: what a resident can ask for, and which team owns it.

pub mod db;
pub mod fields;

pub use fields::{Answer, Choice, Field, FieldKind};

use crate::cases::CaseType;

#[derive(Debug, Clone)]
pub struct Service {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub group_name: String,
    pub description: String,
    pub keywords: String,
    pub case_type: CaseType,
    pub team_id: i64,
    pub partner_id: Option<i64>,
    /// Whether the form asks where the problem is.
    pub asks_location: bool,
}

/// Services under one heading, for the public list.
#[derive(Debug, Clone)]
pub struct ServiceGroup {
    pub name: String,
    pub services: Vec<Service>,
}

/// Groups services, keeping the order they came in (by group, then name).
pub fn group(services: Vec<Service>) -> Vec<ServiceGroup> {
    let mut groups: Vec<ServiceGroup> = Vec::new();
    for service in services {
        match groups.last_mut() {
            Some(last) if last.name == service.group_name => last.services.push(service),
            _ => groups.push(ServiceGroup { name: service.group_name.clone(), services: vec![service] }),
        }
    }
    groups
}
