package dev.billforge.chassis.carddata;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

/**
 * Reads every string of every API request body (fields, list items, metadata values, merge-patches) and refuses
 * one that looks like a card number, so no service stores or logs card data by accident, whatever the field.
 * Registered on the REST ObjectMapper by {@code StrictJsonCustomizer}; events are read by another mapper.
 */
public class CardDataGuard extends StdScalarDeserializer<String> {

    public CardDataGuard() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (CardNumbers.containsLikelyCardNumber(value)) {
            throw new CardDataNotAccepted(parser);
        }
        return value;
    }
}
