//! The outbox: every message to a customer is a row written in the same transaction as
//! the change that caused it, so a change is never made without its message or the
//! reverse. Delivery (SMTP with retries) is a job that reads these rows.

pub mod db;

/// How a message reaches the customer. A customer with no email address is phoned:
/// the row is a task for staff until other channels can send automatically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutChannel {
    Email,
    Phone,
}

impl OutChannel {
    pub fn as_str(self) -> &'static str {
        match self {
            OutChannel::Email => "email",
            OutChannel::Phone => "phone",
        }
    }
}

/// A message to write.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub case_id: i64,
    pub customer_id: i64,
    pub channel: OutChannel,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    /// RFC 3834: `auto-generated` for notifications, `auto-replied` for acknowledgements.
    pub auto_submitted: Option<&'a str>,
}
