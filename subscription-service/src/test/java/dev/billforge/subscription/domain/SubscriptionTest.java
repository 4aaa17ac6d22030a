package dev.billforge.subscription.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SubscriptionTest {

    private static final Instant NOW = Instant.parse("2026-01-31T10:00:00Z");

    private static Plan plan(BillingInterval interval, int count, int trialDays) {
        return Plan.create(UUID.randomUUID(), "t", new PlanDetails("Gold", null, 1999, "USD", interval, count,
                trialDays, true, Map.of(), Map.of()), NOW);
    }

    private static Subscription start(int trialDays) {
        return Subscription.start(UUID.randomUUID(), "t", UUID.randomUUID(), plan(BillingInterval.MONTH, 1, 0),
                trialDays, Map.of(), NOW);
    }

    @Test
    void aMonthAfterTheThirtyFirstOfJanuaryIsTheEndOfFebruary() {
        assertEquals(Instant.parse("2026-02-28T10:00:00Z"), BillingInterval.MONTH.periodEnd(NOW, 1));
        assertEquals(Instant.parse("2026-04-30T10:00:00Z"), BillingInterval.MONTH.periodEnd(NOW, 3));
        assertEquals(Instant.parse("2026-02-14T10:00:00Z"), BillingInterval.WEEK.periodEnd(NOW, 2));
        assertEquals(Instant.parse("2027-01-31T10:00:00Z"), BillingInterval.YEAR.periodEnd(NOW, 1));
        assertEquals(Instant.parse("2026-02-01T10:00:00Z"), BillingInterval.DAY.periodEnd(NOW, 1));
    }

    @Test
    void theNextPeriodEndFollowsTheBillingCycleAndTheRenewalLandsOnIt() {
        Subscription subscription = start(0);
        assertEquals(Instant.parse("2026-03-31T10:00:00Z"), subscription.nextPeriodEnd(),
                "anchored on the 31st: February's short month does not shift March");
        subscription.invoicePaid(NOW.plusSeconds(1), false, NOW);
        subscription.passPeriodEnd(Instant.parse("2026-02-28T10:00:00Z"));
        assertEquals(Instant.parse("2026-03-31T10:00:00Z"), subscription.currentPeriodEnd(), "as announced");

        Subscription trial = start(14);
        assertEquals(Instant.parse("2026-03-14T10:00:00Z"), trial.nextPeriodEnd(),
                "a trial's first paid period is anchored at its end");
    }

    @Test
    void withoutATrialTheFirstPeriodIsOneIntervalAndIncompleteUntilPaid() {
        Subscription subscription = start(0);
        assertEquals(SubscriptionStatus.INCOMPLETE, subscription.status());
        assertEquals(NOW, subscription.currentPeriodStart());
        assertEquals(Instant.parse("2026-02-28T10:00:00Z"), subscription.currentPeriodEnd());
        assertNull(subscription.trialEnd());
    }

    @Test
    void aTrialIsTheFirstPeriod() {
        Subscription subscription = start(14);
        assertEquals(SubscriptionStatus.TRIALING, subscription.status());
        assertEquals(Instant.parse("2026-02-14T10:00:00Z"), subscription.trialEnd());
        assertEquals(subscription.trialEnd(), subscription.currentPeriodEnd());
    }

    @Test
    void statusFollowsPayments() {
        Subscription subscription = start(0);
        assertTrue(subscription.paymentFailed(NOW.plusSeconds(1), NOW));
        assertEquals(SubscriptionStatus.PAST_DUE, subscription.status());
        assertTrue(subscription.invoicePaid(NOW.plusSeconds(2), false, NOW));
        assertEquals(SubscriptionStatus.ACTIVE, subscription.status());
        assertFalse(subscription.invoicePaid(NOW.plusSeconds(3), false, NOW), "already active: nothing changes");
    }

    @Test
    void aLateFailureCannotUndoANewerPayment() {
        Subscription subscription = start(0);
        assertTrue(subscription.invoicePaid(NOW.plusSeconds(5), false, NOW));
        assertFalse(subscription.paymentFailed(NOW.plusSeconds(4), NOW));
        assertEquals(SubscriptionStatus.ACTIVE, subscription.status());
    }

    @Test
    void theFirstPaymentFactCountsEvenWhenPaymentServicesClockIsBehindOurs() {
        Subscription subscription = start(0);
        assertTrue(subscription.invoicePaid(NOW.minusMillis(300), false, NOW));
        assertEquals(SubscriptionStatus.ACTIVE, subscription.status());
    }

    @Test
    void paymentsDoNotRevivePaidTrialsOrCanceledSubscriptions() {
        Subscription trial = start(7);
        assertFalse(trial.paymentFailed(NOW.plusSeconds(1), NOW));
        assertEquals(SubscriptionStatus.TRIALING, trial.status());
        Subscription canceled = start(0);
        canceled.cancelNow(NOW);
        assertFalse(canceled.invoicePaid(NOW.plusSeconds(1), false, NOW));
        assertEquals(SubscriptionStatus.CANCELED, canceled.status());
        assertFalse(canceled.live());
    }

    @Test
    void cancelingAtPeriodEndIsScheduledOnce() {
        Subscription subscription = start(0);
        assertTrue(subscription.cancelAtPeriodEnd(NOW));
        assertFalse(subscription.cancelAtPeriodEnd(NOW));
        assertEquals(SubscriptionStatus.INCOMPLETE, subscription.status());
    }

    @Test
    void dunningCancelsOnlyABillableSubscriptionAndNotOneAPaymentCameInForSince() {
        Subscription paidSince = start(0);
        paidSince.invoicePaid(NOW.plusSeconds(60), false, NOW.plusSeconds(60));
        assertFalse(paidSince.cancelForNonPayment(NOW.plusSeconds(30), NOW.plusSeconds(90)), "older than the payment");
        assertEquals(SubscriptionStatus.ACTIVE, paidSince.status());

        assertFalse(start(14).cancelForNonPayment(NOW.plusSeconds(30), NOW.plusSeconds(30)), "trialing");

        Subscription pastDue = start(0);
        pastDue.paymentFailed(NOW.plusSeconds(10), NOW.plusSeconds(10));
        assertTrue(pastDue.cancelForNonPayment(NOW.plusSeconds(20), NOW.plusSeconds(20)));
        assertEquals(SubscriptionStatus.CANCELED, pastDue.status());
        assertFalse(pastDue.cancelForNonPayment(NOW.plusSeconds(30), NOW.plusSeconds(30)), "once");
    }

    private static Subscription active() {
        Subscription subscription = start(0);
        subscription.invoicePaid(NOW.plusSeconds(1), false, NOW.plusSeconds(1));
        return subscription;
    }

    @Test
    void anActiveSubscriptionRenewsAtItsPeriodEndAndNotBefore() {
        Subscription subscription = active();
        Instant end = subscription.currentPeriodEnd();
        assertEquals(PeriodEnd.NONE, subscription.passPeriodEnd(end.minusNanos(1000)));

        assertEquals(PeriodEnd.RENEWED, subscription.passPeriodEnd(end));
        assertEquals(end, subscription.currentPeriodStart());
        assertEquals(Instant.parse("2026-03-31T10:00:00Z"), subscription.currentPeriodEnd(), "the anchor's day");
        assertEquals(SubscriptionStatus.ACTIVE, subscription.status());
        assertEquals(PeriodEnd.NONE, subscription.passPeriodEnd(end), "each period end is passed once");
    }

    @Test
    void aClockThatJumpedRenewsOnePeriodPerStepInOrder() {
        Subscription subscription = active();
        Instant later = Instant.parse("2026-05-01T00:00:00Z");
        StringBuilder periods = new StringBuilder();
        while (subscription.passPeriodEnd(later) == PeriodEnd.RENEWED) {
            periods.append(subscription.currentPeriodStart()).append("..").append(subscription.currentPeriodEnd())
                    .append(' ');
        }
        assertEquals("2026-02-28T10:00:00Z..2026-03-31T10:00:00Z 2026-03-31T10:00:00Z..2026-04-30T10:00:00Z"
                + " 2026-04-30T10:00:00Z..2026-05-31T10:00:00Z ", periods.toString());
    }

    @Test
    void anInvoiceWithNothingDueActivatesOnlyAnIncompleteSubscription() {
        Subscription free = start(0);
        assertTrue(free.invoicePaid(NOW.plusSeconds(1), true, NOW), "a free first period");
        assertEquals(SubscriptionStatus.ACTIVE, free.status());

        Subscription pastDue = start(0);
        pastDue.paymentFailed(NOW.plusSeconds(1), NOW);
        assertFalse(pastDue.invoicePaid(NOW.plusSeconds(2), true, NOW), "a downgrade credit settles no debt");
        assertEquals(SubscriptionStatus.PAST_DUE, pastDue.status());
    }

    @Test
    void aPastDueSubscriptionRenewsButIncompleteAndUnpaidOnesDoNot() {
        Subscription pastDue = start(0);
        pastDue.paymentFailed(NOW.plusSeconds(1), NOW.plusSeconds(1));
        assertEquals(PeriodEnd.RENEWED, pastDue.passPeriodEnd(pastDue.currentPeriodEnd()));
        assertEquals(SubscriptionStatus.PAST_DUE, pastDue.status());

        Subscription incomplete = start(0);
        Instant end = incomplete.currentPeriodEnd();
        assertEquals(PeriodEnd.NONE, incomplete.passPeriodEnd(end));
        assertEquals(end, incomplete.currentPeriodEnd());

        Subscription unpaid = start(0);
        unpaid.dunningExhausted(NOW.plusSeconds(1), NOW.plusSeconds(1));
        assertEquals(PeriodEnd.NONE, unpaid.passPeriodEnd(end));
    }

    @Test
    void aTrialEndsIntoAnActiveFirstPaidPeriodAnchoredAtTheTrialEnd() {
        Subscription trialing = start(14);
        Instant trialEnd = trialing.trialEnd();
        assertEquals(trialEnd, trialing.billingCycleAnchor());

        assertEquals(PeriodEnd.TRIAL_ENDED, trialing.passPeriodEnd(trialEnd.plusSeconds(5)));
        assertEquals(SubscriptionStatus.ACTIVE, trialing.status());
        assertEquals(trialEnd, trialing.currentPeriodStart());
        assertEquals(Instant.parse("2026-03-14T10:00:00Z"), trialing.currentPeriodEnd());
        assertEquals(trialEnd, trialing.billingCycleAnchor());
    }

    @Test
    void aCancellationAtPeriodEndEndsAtTheBoundaryWithoutRenewing() {
        Subscription subscription = active();
        Instant end = subscription.currentPeriodEnd();
        subscription.cancelAtPeriodEnd(NOW.plusSeconds(60));

        assertEquals(PeriodEnd.ENDED, subscription.passPeriodEnd(end.plusSeconds(3600)));
        assertEquals(SubscriptionStatus.CANCELED, subscription.status());
        assertEquals(end, subscription.endedAt());
        assertEquals(end, subscription.currentPeriodEnd(), "no new period");
        assertEquals(PeriodEnd.NONE, subscription.passPeriodEnd(end.plusSeconds(7200)));

        Subscription trialing = start(14);
        trialing.cancelAtPeriodEnd(NOW);
        assertEquals(PeriodEnd.ENDED, trialing.passPeriodEnd(trialing.trialEnd()), "a trial can end without billing");
    }

    private static Plan priced(String name, long amount, BillingInterval interval) {
        return Plan.create(UUID.randomUUID(), "t", new PlanDetails(name, null, amount, "USD", interval, 1, 0, true,
                Map.of(), Map.of()), NOW);
    }

    /** Active on $30/month since April 1 (a 30-day period to May 1). */
    private static Subscription onThirtyDollarsFromAprilFirst() {
        Instant april = Instant.parse("2026-04-01T00:00:00Z");
        Subscription subscription = Subscription.start(UUID.randomUUID(), "t", UUID.randomUUID(),
                priced("Basic", 3000, BillingInterval.MONTH), 0, Map.of(), april);
        subscription.invoicePaid(april.plusSeconds(1), false, april.plusSeconds(1));
        return subscription;
    }

    @Test
    void thirtyToSixtyDollarsTenDaysIntoAThirtyDayPeriodIsACreditOfTwentyAndAChargeOfForty() {
        Subscription subscription = onThirtyDollarsFromAprilFirst();
        Instant tenDaysIn = Instant.parse("2026-04-11T00:00:00Z");
        Plan pro = priced("Pro", 6000, BillingInterval.MONTH);

        PlanChange change = subscription.changePlan(pro, ProrationBehavior.ALWAYS_INVOICE, tenDaysIn);

        assertEquals(List.of(-2000L, 4000L), change.lines().stream().map(PlanChange.Line::amount).toList());
        assertEquals("Unused time on Basic after Apr 11, 2026", change.lines().get(0).description());
        assertEquals("Remaining time on Pro after Apr 11, 2026", change.lines().get(1).description());
        assertEquals(List.of(tenDaysIn, Instant.parse("2026-05-01T00:00:00Z")),
                List.of(change.lines().get(1).periodStart(), change.lines().get(1).periodEnd()));
        assertFalse(change.newPeriod());
        assertEquals(pro, subscription.plan());
        assertEquals(Instant.parse("2026-04-01T00:00:00Z"), subscription.currentPeriodStart(), "same period");
    }

    @Test
    void withoutProrationOnlyTheNextPeriodsPriceChangesAndATrialJustChangesPlan() {
        Subscription subscription = onThirtyDollarsFromAprilFirst();
        PlanChange none = subscription.changePlan(priced("Pro", 6000, BillingInterval.MONTH), ProrationBehavior.NONE,
                Instant.parse("2026-04-11T00:00:00Z"));
        assertEquals(List.of(), none.lines());

        // Twenty days in, a prorated change credits the unused ten days at the $30 the period was billed at, not at
        // the $60 that applies only from the next period: -1000 and +3000, never -2000.
        PlanChange prorated = subscription.changePlan(priced("Max", 9000, BillingInterval.MONTH),
                ProrationBehavior.CREATE_PRORATIONS, Instant.parse("2026-04-21T00:00:00Z"));
        assertEquals(List.of(-1000L, 3000L), prorated.lines().stream().map(PlanChange.Line::amount).toList());
        assertEquals("Unused time on Basic after Apr 21, 2026", prorated.lines().get(0).description());

        Subscription trialing = start(14);
        PlanChange duringTrial = trialing.changePlan(priced("Pro", 6000, BillingInterval.YEAR),
                ProrationBehavior.ALWAYS_INVOICE, NOW.plusSeconds(60));
        assertEquals(List.of(), duringTrial.lines());
        assertFalse(duringTrial.newPeriod());
        assertEquals(trialing.trialEnd(), trialing.currentPeriodEnd(), "the trial goes on");
    }

    @Test
    void afterAChangeWithoutProrationTheNextPeriodIsBilledAndCreditedAtTheNewPrice() {
        Subscription subscription = onThirtyDollarsFromAprilFirst();
        subscription.changePlan(priced("Pro", 6000, BillingInterval.MONTH), ProrationBehavior.NONE,
                Instant.parse("2026-04-11T00:00:00Z"));
        assertEquals(PeriodEnd.RENEWED, subscription.passPeriodEnd(Instant.parse("2026-05-01T00:00:00Z")));

        // May has 31 days: ten days into it, 21 unused days of Pro ($60) are credited, not of Basic ($30).
        PlanChange change = subscription.changePlan(priced("Max", 9000, BillingInterval.MONTH),
                ProrationBehavior.CREATE_PRORATIONS, Instant.parse("2026-05-11T00:00:00Z"));
        assertEquals(List.of(-4065L, 6097L), change.lines().stream().map(PlanChange.Line::amount).toList());
        assertEquals("Unused time on Pro after May 11, 2026", change.lines().get(0).description());
    }

    @Test
    void aNewIntervalCreditsTheUnusedTimeAndStartsANewPeriodNow() {
        Subscription subscription = onThirtyDollarsFromAprilFirst();
        Instant tenDaysIn = Instant.parse("2026-04-11T00:00:00Z");

        PlanChange change = subscription.changePlan(priced("Pro yearly", 60000, BillingInterval.YEAR),
                ProrationBehavior.CREATE_PRORATIONS, tenDaysIn);

        assertTrue(change.newPeriod());
        assertEquals(List.of(-2000L), change.lines().stream().map(PlanChange.Line::amount).toList());
        assertEquals(tenDaysIn, subscription.currentPeriodStart());
        assertEquals(Instant.parse("2027-04-11T00:00:00Z"), subscription.currentPeriodEnd());
        assertEquals(tenDaysIn, subscription.billingCycleAnchor());
    }
}
