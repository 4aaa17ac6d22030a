package dev.billforge.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** The chart as Helm renders it (helm-java, no helm binary), and the parts of its documents the tests read. */
final class RenderedChart {

    static final Path CHART = Path.of("..", "billforge").toAbsolutePath().normalize();
    static final String KUBE_VERSION = "1.31.0";
    static final List<String> DEPLOYABLES = List.of("customer-service", "subscription-service", "invoicing-service",
            "payment-service", "notification-service", "console-service");

    private RenderedChart() {
    }

    /** {@code helm template billforge deploy/helm/billforge}, values still to set. */
    static TemplateCommand template() {
        return new Helm(CHART).template().withName("billforge").withKubeVersion(KUBE_VERSION);
    }

    static List<Map<String, Object>> render(TemplateCommand command) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(command.call())) {
            if (document instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) map;
                documents.add(typed);
            }
        }
        return documents;
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(document -> kind.equals(document.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> podSpec(Map<String, Object> deployment) {
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment.get("spec"))
                .get("template")).get("spec");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> container(Map<String, Object> deployment) {
        return ((List<Map<String, Object>>) podSpec(deployment).get("containers")).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> env(Map<String, Object> deployment) {
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        for (Map<String, Object> variable : (List<Map<String, Object>>) container(deployment).get("env")) {
            env.put(variable.get("name").toString(), variable);
        }
        return env;
    }

    /** The Secret an env var's value comes from, or null when it has none. */
    @SuppressWarnings("unchecked")
    static String secretName(Map<String, Object> variable) {
        if (variable == null || variable.get("valueFrom") == null) {
            return null;
        }
        Map<String, Object> ref = (Map<String, Object>) ((Map<String, Object>) variable.get("valueFrom"))
                .get("secretKeyRef");
        return ref == null ? null : ref.get("name").toString();
    }
}
