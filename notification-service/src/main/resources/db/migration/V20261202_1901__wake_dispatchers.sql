-- A committed notification or webhook delivery wakes its dispatcher at once (NotificationDispatcher,
-- WebhookDeliveries listen on "<schema>_notification" and "<schema>_webhook_delivery"); their sweep only catches
-- retries that fall due later. job_table_notify() is the chassis' trigger function.
CREATE TRIGGER notification_notify AFTER INSERT ON notification
    FOR EACH STATEMENT EXECUTE FUNCTION job_table_notify();

CREATE TRIGGER webhook_delivery_notify AFTER INSERT ON webhook_delivery
    FOR EACH STATEMENT EXECUTE FUNCTION job_table_notify();
