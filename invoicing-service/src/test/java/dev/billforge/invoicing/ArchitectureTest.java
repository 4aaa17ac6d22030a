package dev.billforge.invoicing;

import org.junit.jupiter.api.Test;

import dev.billforge.testsupport.LayerRules;

class ArchitectureTest {

    @Test
    void layersAreRespected() {
        LayerRules.check("dev.billforge.invoicing");
    }
}
