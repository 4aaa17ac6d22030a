-- The plan whose price the current period was billed at. It differs from plan_id only after a plan change with
-- proration_behavior=none, until the period ends; a later change in that period credits unused time at this price.
ALTER TABLE subscription ADD COLUMN period_plan_id uuid REFERENCES plan (id);
UPDATE subscription SET period_plan_id = plan_id;
ALTER TABLE subscription ALTER COLUMN period_plan_id SET NOT NULL;
