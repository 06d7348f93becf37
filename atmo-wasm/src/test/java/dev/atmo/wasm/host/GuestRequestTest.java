package dev.atmo.wasm.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuestRequestTest {

    @Test
    void theGuestsChangesStayInItsRequestAndNeverReachTheMapsItWasBuiltFrom() {
        Map<String, String> headers = new HashMap<>(Map.of("Host", "example"));
        Map<String, String> params = new HashMap<>(Map.of("id", "1"));
        Map<String, byte[]> state = new HashMap<>(Map.of("a", new byte[] {1}));
        GuestRequest request = GuestRequest.builder().headers(headers).params(params).state(state).build();
        headers.put("Late", "ignored");
        params.put("late", "ignored");
        state.put("late", new byte[] {9});

        request.header("X-New", "yes");
        request.param("id", "2");
        request.state("b", new byte[] {2});

        assertThat(request.headers()).containsOnlyKeys("Host", "X-New");
        assertThat(request.params()).containsExactly(Map.entry("id", "2"));
        assertThat(request.state()).containsOnlyKeys("a", "b");
        assertThat(headers).containsOnlyKeys("Host", "Late");
        assertThat(params).containsOnly(Map.entry("id", "1"), Map.entry("late", "ignored"));
        assertThat(state).containsOnlyKeys("a", "late");
    }

    @Test
    void theMapsItHandsOutAreReadOnly() {
        GuestRequest request = GuestRequest.builder().headers(Map.of("Host", "example")).build();
        assertThatThrownBy(() -> request.headers().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.state().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
