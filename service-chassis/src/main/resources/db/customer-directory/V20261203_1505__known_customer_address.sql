-- Chassis directory migrations end in 05 minutes so they never share a version with a service's own.
-- What invoicing needs of a customer besides the email and name: the tax country that picks the tax rate, and the
-- billing address printed on invoices (one sealed JSON text: personal data; its state picks a regional rate).
ALTER TABLE known_customer ADD COLUMN tax_country text;
ALTER TABLE known_customer ADD COLUMN billing_address text;
