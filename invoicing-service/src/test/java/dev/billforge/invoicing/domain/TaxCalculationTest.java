package dev.billforge.invoicing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Tax exact to the minor unit: in JPY (no decimals), USD (two) and KWD (three) alike, every tax is a whole number of
 * minor units, equal to the tax computed on the currency's decimal amount and rounded to its minor unit.
 */
class TaxCalculationTest {

    @Provide
    Arbitrary<BigDecimal> percentages() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(100)).ofScale(4);
    }

    @Provide
    Arbitrary<String> currencies() {
        return Arbitraries.of("JPY", "USD", "EUR", "KWD", "BHD", "CLP");
    }

    @Property
    void anExclusiveTaxIsTheRateOfTheAmountRoundedOnceToTheMinorUnit(
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long amount,
            @ForAll("percentages") BigDecimal percentage, @ForAll("currencies") String currency) {
        long tax = TaxCalculation.addedTo(amount, percentage);

        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        BigDecimal decimalAmount = BigDecimal.valueOf(amount, digits); // 1234 fils = 1.234 KWD
        BigDecimal decimalTax = decimalAmount.multiply(percentage).divide(BigDecimal.valueOf(100), digits,
                RoundingMode.HALF_UP);
        assertEquals(decimalTax.unscaledValue().longValueExact(), tax,
                "the same tax computed in " + currency + "'s decimals");
        assertEquals(-tax, TaxCalculation.addedTo(-amount, percentage), "a credit gets the same tax, negated");
    }

    @Property
    void anInclusiveTaxAndTheNetAddUpToTheAmountExactly(
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long amount,
            @ForAll("percentages") BigDecimal percentage) {
        long tax = TaxCalculation.includedIn(amount, percentage);
        long net = amount - tax;

        // the net is the amount without the tax, to the nearest minor unit
        BigDecimal exactNet = BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(100).add(percentage), 10, RoundingMode.HALF_UP);
        assertTrue(exactNet.subtract(BigDecimal.valueOf(net)).abs().compareTo(new BigDecimal("0.5")) <= 0);
        assertTrue(amount >= 0 ? tax >= 0 && tax <= amount : tax <= 0 && tax >= amount, "inside the amount");
        assertEquals(-tax, TaxCalculation.includedIn(-amount, percentage));
    }

    @Property
    void creditNotesTogetherCreditAllOfTheTaxAndNeverMore(
            @ForAll @LongRange(min = 1, max = 10_000_000_000L) long total,
            @ForAll("percentages") BigDecimal percentage,
            @ForAll @IntRange(min = 1, max = 12) int refunds) {
        long tax = TaxCalculation.addedTo(total, percentage);
        List<Long> cuts = new ArrayList<>();
        long left = total;
        for (int i = 1; i < refunds && left > 1; i++) {
            long part = Math.max(1, left / (refunds - i + 1));
            cuts.add(part);
            left -= part;
        }
        cuts.add(left);

        long refunded = 0;
        long credited = 0;
        for (long part : cuts) {
            long before = TaxCalculation.shareOf(tax, refunded, total);
            refunded += part;
            long share = TaxCalculation.shareOf(tax, refunded, total) - before;
            assertTrue(share >= 0 && share <= tax, "one credit note's share: " + share);
            credited += share;
            assertTrue(credited <= tax, "never more tax than was charged");
        }
        assertEquals(tax, credited, "a full refund credits all of the tax");
    }

    @Test
    void examplesInThreeCurrencies() {
        assertEquals(100, TaxCalculation.addedTo(1000, new BigDecimal("10"))); // JPY 1,000 at 10%: JPY 100
        assertEquals(380, TaxCalculation.addedTo(1999, new BigDecimal("19"))); // USD 19.99 at 19%: 3.7981 -> 3.80
        assertEquals(62, TaxCalculation.addedTo(1234, new BigDecimal("5"))); // KWD 1.234 at 5%: 0.0617 -> 0.062
        assertEquals(319, TaxCalculation.includedIn(1999, new BigDecimal("19"))); // 19.99 gross: 16.80 net + 3.19
        assertEquals(887, TaxCalculation.addedTo(9999, new BigDecimal("8.875"))); // NYC: 887.41125 -> 887
        assertEquals(-380, TaxCalculation.addedTo(-1999, new BigDecimal("19")), "credit: half away from zero");
        assertEquals(3, TaxCalculation.addedTo(5, new BigDecimal("50")), "2.5 rounds up");
        assertEquals(-3, TaxCalculation.addedTo(-5, new BigDecimal("50")), "and -2.5 down");
    }
}
