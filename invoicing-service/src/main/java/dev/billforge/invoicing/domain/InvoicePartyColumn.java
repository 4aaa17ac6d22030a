package dev.billforge.invoicing.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.billforge.chassis.secrets.SealedPersonalData;
import dev.billforge.events.invoice.InvoiceParty;

/**
 * An {@link InvoiceParty} in a text column, as the event contract's JSON: {@code invoice.issuer} (the tenant's own
 * seller details, in the clear). {@link Sealed} is the same for a customer's details (personal data): sealed at rest.
 */
@Converter
public class InvoicePartyColumn implements AttributeConverter<InvoiceParty, String> {

    /* Tolerant of fields it does not know, like the events' reader: a rollback must not make invoices unreadable. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public String convertToDatabaseColumn(InvoiceParty party) {
        try {
            return party == null ? null : JSON.writeValueAsString(party);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public InvoiceParty convertToEntityAttribute(String column) {
        try {
            return column == null ? null : JSON.readValue(column, InvoiceParty.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable invoice party column", e);
        }
    }

    /** {@code invoice.billed_to}: the customer's name, email and address, sealed (see the chassis' PersonalData). */
    @Converter
    public static class Sealed implements AttributeConverter<InvoiceParty, String> {

        private final InvoicePartyColumn json = new InvoicePartyColumn();
        private final SealedPersonalData sealed = new SealedPersonalData();

        @Override
        public String convertToDatabaseColumn(InvoiceParty party) {
            return sealed.convertToDatabaseColumn(json.convertToDatabaseColumn(party));
        }

        @Override
        public InvoiceParty convertToEntityAttribute(String column) {
            return json.convertToEntityAttribute(sealed.convertToEntityAttribute(column));
        }
    }
}
