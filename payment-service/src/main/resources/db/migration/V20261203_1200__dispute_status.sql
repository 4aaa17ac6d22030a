-- Disputes stored the provider's raw status (Stripe's words, PayPal's upper-case ones lower-cased). Each plugin
-- now maps its provider's statuses to ours (DisputeStatus); stored rows are mapped the same way and get the CHECK
-- every status column has. A row keeps its closedness: a raw status the old code treated as open ('prevented',
-- 'resolved' without an outcome) stays open as 'under_review', so the provider's next update closes it with its
-- payment.dispute_closed event.
UPDATE dispute SET status = CASE
        WHEN status IN ('warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response',
                        'under_review', 'won', 'lost') THEN status
        WHEN status IN ('open', 'waiting_for_seller_response') THEN 'needs_response'
        ELSE 'under_review'
    END;

ALTER TABLE dispute ADD CONSTRAINT dispute_status_check
    CHECK (status IN ('warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response',
                      'under_review', 'won', 'lost'));
