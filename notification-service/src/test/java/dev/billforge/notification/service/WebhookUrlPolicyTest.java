package dev.billforge.notification.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** Which addresses a tenant's webhook URL may not lead to (no DNS involved: literal addresses). */
class WebhookUrlPolicyTest {

    @Test
    void privateLinkLocalAndEmbeddedPrivateAddressesAreInternal() throws Exception {
        for (String internal : new String[] { "10.1.2.3", "172.16.5.4", "192.168.0.1", "169.254.169.254", "100.64.0.1",
                "0.0.0.0", "198.18.0.1", "fd00::1", "fe80::1", "64:ff9b::a01:203", "2002:a01:203::1", "::10.1.2.3",
                "2002:7f00:1::1" }) {
            assertTrue(WebhookUrlPolicy.isInternal(InetAddress.getByName(internal))
                    || InetAddress.getByName(internal).isLoopbackAddress(), internal);
        }
        for (String external : new String[] { "93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "64:ff9b::808:808" }) {
            assertFalse(WebhookUrlPolicy.isInternal(InetAddress.getByName(external)), external);
        }
    }
}
