-- Disputes stored the provider's raw status (Stripe's words, PayPal's upper-case ones lower-cased). Each plugin
-- now maps its provider's statuses to ours (DisputeStatus); stored rows are mapped the same way and get the CHECK
-- every status column has, plus one that keeps closed_at and the closed statuses together.
-- Two raw statuses the old code kept open are final at the provider, so no further webhook would close them:
-- Stripe's 'prevented' and PayPal's 'resolved' without an outcome (booked as lost, as the plugin now does). They
-- are closed here as of their last update; their payment.dispute_closed event is not published after the fact.
UPDATE dispute SET
    status = CASE
        WHEN status IN ('warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response',
                        'under_review', 'won', 'lost', 'prevented') THEN status
        WHEN status IN ('open', 'waiting_for_seller_response') THEN 'needs_response'
        WHEN status = 'resolved' THEN 'lost'
        ELSE 'under_review'
    END,
    closed_at = CASE
        WHEN status IN ('won', 'lost', 'warning_closed', 'prevented', 'resolved') THEN COALESCE(closed_at, updated_at)
        ELSE NULL
    END;

ALTER TABLE dispute ADD CONSTRAINT dispute_status_check
    CHECK (status IN ('warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response',
                      'under_review', 'won', 'lost', 'prevented'));
ALTER TABLE dispute ADD CONSTRAINT dispute_closed_check
    CHECK ((closed_at IS NOT NULL) = (status IN ('won', 'lost', 'warning_closed', 'prevented')));
