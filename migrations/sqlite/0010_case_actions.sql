-- A reply threads under the customer's latest email on the case: found by case.
CREATE INDEX inbound_mail_case_idx ON inbound_mail (case_id, id) WHERE case_id IS NOT NULL;
