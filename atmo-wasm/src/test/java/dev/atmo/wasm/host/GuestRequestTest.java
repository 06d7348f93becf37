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
        Map<String, String> params = Map.of("id", "1");
        Map<String, byte[]> state = Map.of("a", new byte[] {1});
        GuestRequest request = GuestRequest.builder().headers(headers).params(params).state(state).build();
        headers.put("Late", "ignored");

        request.header("X-New", "yes");
        request.param("id", "2");
        request.state("b", new byte[] {2});

        assertThat(request.headers()).containsOnlyKeys("Host", "X-New");
        assertThat(request.params()).containsExactly(Map.entry("id", "2"));
        assertThat(request.state()).containsOnlyKeys("a", "b");
        assertThat(headers).containsOnlyKeys("Host", "Late");
        assertThat(params).containsExactly(Map.entry("id", "1"));
        assertThat(state).containsOnlyKeys("a");
    }

    @Test
    void theMapsItHandsOutAreReadOnly() {
        GuestRequest request = GuestRequest.builder().headers(Map.of("Host", "example")).build();
        assertThatThrownBy(() -> request.headers().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.state().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
