package dev.billforge.invoicing.api;

/**
 * {@code POST /v1/invoices/{id}/pay}, body optional: {@code payment_method_id} names one of the customer's payment
 * methods; without it their default is charged.
 */
public record PayInvoiceRequest(String paymentMethodId) {
}
