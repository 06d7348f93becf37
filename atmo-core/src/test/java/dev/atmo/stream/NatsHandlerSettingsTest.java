package dev.atmo.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atmo.directive.Handler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The extension keys of a NATS stream handler: defaults, overrides and the errors of wrong values. */
class NatsHandlerSettingsTest {

    private static Handler handler(String subject, Optional<String> respondTo, Map<String, String> extensions) {
        return new Handler("stream", "nats", "", subject, List.of(), Optional.empty(), respondTo, extensions, null);
    }

    private static NatsHandlerSettings settings(Map<String, String> extensions) {
        return NatsHandlerSettings.of(handler("orders.created", Optional.of("orders.done"), extensions),
                "com.example.shop");
    }

    private static Map<String, String> keys(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void defaultsAreTheIdentifierAsQueueGroup64AtOnceRawPayloadsAndCoreNats() {
        NatsHandlerSettings settings = settings(Map.of());
        assertThat(settings.subject()).isEqualTo("orders.created");
        assertThat(settings.respondTo()).contains("orders.done");
        assertThat(settings.queueGroup()).contains("com.example.shop");
        assertThat(settings.maxConcurrency()).isEqualTo(64);
        assertThat(settings.ordered()).isFalse();
        assertThat(settings.gravEnvelope()).isFalse();
        assertThat(settings.jetStream()).isEmpty();
    }

    @Test
    void extensionKeysOverrideTheDefaults() {
        NatsHandlerSettings settings = settings(keys("queueGroup", "workers", "maxConcurrency", "8",
                "envelope", "grav"));
        assertThat(settings.queueGroup()).contains("workers");
        assertThat(settings.maxConcurrency()).isEqualTo(8);
        assertThat(settings.gravEnvelope()).isTrue();
    }

    @Test
    void anEmptyQueueGroupMeansNone() {
        assertThat(settings(keys("queueGroup", "")).queueGroup()).isEmpty();
    }

    @Test
    void orderedRunsOneAtATime() {
        NatsHandlerSettings settings = settings(keys("ordered", "true"));
        assertThat(settings.ordered()).isTrue();
        assertThat(settings.maxConcurrency()).isEqualTo(1);
    }

    @Test
    void jetStreamDefaultsTheDurableToIdentifierAndSubjectAndMaxDeliverTo5() {
        NatsHandlerSettings.JetStreamSettings js = settings(keys("jetstream", "ORDERS")).jetStream().orElseThrow();
        assertThat(js.stream()).isEqualTo("ORDERS");
        assertThat(js.durable()).isEqualTo("com_example_shop-orders_created");
        assertThat(js.maxDeliver()).isEqualTo(5);
    }

    @Test
    void jetStreamDurableAndMaxDeliverCanBeSet() {
        NatsHandlerSettings.JetStreamSettings js = settings(keys("jetstream", "ORDERS", "durable", "billing",
                "maxDeliver", "2")).jetStream().orElseThrow();
        assertThat(js.durable()).isEqualTo("billing");
        assertThat(js.maxDeliver()).isEqualTo(2);
    }

    @Test
    void aWildcardSubjectMatchingRespondToFeedsItself() {
        assertThat(NatsHandlerSettings.of(handler("orders.>", Optional.of("orders.done"), Map.of()), "x")
                .feedsItself()).isTrue();
        assertThat(NatsHandlerSettings.of(handler("orders.*.new", Optional.of("orders.eu.new"), Map.of()), "x")
                .feedsItself()).isTrue();
        assertThat(settings(Map.of()).feedsItself()).isFalse();
        assertThat(NatsHandlerSettings.of(handler("orders.*", Optional.of("orders.eu.new"), Map.of()), "x")
                .feedsItself()).isFalse();
    }

    @Test
    void wrongValuesAreNamedWithTheirHandler() {
        assertThatThrownBy(() -> settings(keys("maxConcurrency", "0"))).isInstanceOf(StreamException.class)
                .hasMessage("stream handler for NATS subject orders.created: maxConcurrency must be a positive whole"
                        + " number, got '0'");
        assertThatThrownBy(() -> settings(keys("ordered", "yes")))
                .hasMessageEndingWith("ordered must be true or false, got 'yes'");
        assertThatThrownBy(() -> settings(keys("ordered", "true", "maxConcurrency", "4")))
                .hasMessageEndingWith("ordered: true runs one message at a time; remove maxConcurrency or set it to 1");
        assertThatThrownBy(() -> settings(keys("envelope", "json")))
                .hasMessageEndingWith("envelope must be raw or grav, got 'json'");
        assertThatThrownBy(() -> settings(keys("durable", "d")))
                .hasMessageEndingWith("durable only applies together with jetstream: <stream name>");
        assertThatThrownBy(() -> settings(keys("jetstream", "ORDERS.ALL")))
                .hasMessageEndingWith("jetstream must be a name of letters, digits, '-' and '_', got 'ORDERS.ALL'");
        assertThatThrownBy(() -> settings(keys("jetstream", "ORDERS", "maxDeliver", "-1")))
                .hasMessageEndingWith("maxDeliver must be a positive whole number, got '-1'");
        assertThatThrownBy(() -> NatsHandlerSettings.of(handler("orders", Optional.of("done.*"), Map.of()), "x"))
                .hasMessageEndingWith("respondTo must be a subject without spaces or wildcards, got 'done.*'");
    }
}
