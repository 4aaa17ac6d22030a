-- Each change of a customer's balance is announced (customer_balance.changed) with a version that grows per customer
-- and currency, so consumers (customer-service shows the balance) keep the newest whatever order events arrive in.
ALTER TABLE customer_balance ADD COLUMN version bigint NOT NULL DEFAULT 0;
