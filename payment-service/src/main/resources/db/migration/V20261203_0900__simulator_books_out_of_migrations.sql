-- The simulator moves no money and is off in production: its books are no longer part of the service's schema.
-- SimulatorProvider creates them at start-up where it is turned on. A database that has simulated charges (a
-- local stack, a demo) keeps its table so repeated idempotency keys still replay; an unused one loses it.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM simulator_charge) THEN
        DROP TABLE simulator_charge;
    END IF;
END $$;
