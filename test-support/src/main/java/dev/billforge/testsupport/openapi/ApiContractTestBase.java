package dev.billforge.testsupport.openapi;

import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.billforge.errors.ErrorCode;

/**
 * What every service's {@code ApiContractTest} checks the same way: 2,000 fuzzed requests, none answered 5xx, every
 * 4xx a problem with a catalogue code. A service's subclass adds its tenant-isolation check, which needs records only
 * it knows how to make (in {@link #tenant}).
 */
public abstract class ApiContractTestBase {

    /** The tenant whose records the isolation check protects; the fuzzer's requests come from it too. */
    protected final String tenant = "contract-" + UUID.randomUUID();

    @Test
    void malformedRequestsGetProblemsNeverA5xx() {
        Map<Integer, Integer> statuses = new ApiFuzzer(ApiDescription.ofRunningService(), ErrorCode.wireNames(),
                tenant).run(2000);
        String service = ConfigProvider.getConfig().getValue("billforge.service.name", String.class);
        System.out.println("fuzzed " + service + ", answers by status: " + statuses);
    }
}
