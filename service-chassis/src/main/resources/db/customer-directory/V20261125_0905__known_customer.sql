-- The chassis customer directory (dev.billforge.chassis.directory): this service's projection of
-- customer-service's customers, fed by customer.created|updated|deleted. Only services that enable it ship this.
CREATE TABLE known_customer (
    tenant_id     text        NOT NULL,
    customer_id   uuid        NOT NULL,
    billing_email text        NOT NULL,
    name          text,
    deleted_at    timestamptz,
    as_of         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, customer_id)
);
