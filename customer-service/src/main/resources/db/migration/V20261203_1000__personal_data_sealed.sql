-- Personal data is sealed at rest from now on (chassis PersonalData): billing_email, name and the address lines
-- hold pd1:<key id>:<ciphertext>. Rows written before are sealed by PersonalDataResealing at start-up, and their
-- email's blind index filled in by CustomerEmailIndexing. The email filter compares blind indexes, never emails.
ALTER TABLE customer ADD COLUMN billing_email_index text;
DROP INDEX customer_tenant_email_idx;
CREATE INDEX customer_tenant_email_index_idx ON customer (tenant_id, billing_email_index) WHERE deleted_at IS NULL;
