package dev.billforge.chassis.carddata;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A request field held what looks like a card number. The message never repeats the value: problem responses and
 * exception logs must not carry card data either. Answered as 400 {@code card_data_not_accepted}.
 */
public class CardDataNotAccepted extends JsonMappingException {
    public static final String MESSAGE = "looks like a card number; send the token your payment provider issued for"
            + " the card, card numbers are never accepted";

    public CardDataNotAccepted(JsonParser parser) {
        super(parser, MESSAGE);
    }
}
