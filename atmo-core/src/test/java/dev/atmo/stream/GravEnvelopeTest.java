package dev.atmo.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The message envelope: what is read from it and what a reply carries. */
class GravEnvelopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void openingGivesTheUuidAndTheDecodedData() {
        GravEnvelope.Opened opened = GravEnvelope.open(bytes("""
                {"meta":{"uuid":"abc","parent_id":"","response_to":"","msg_type":"grav.default",
                "timestamp":"2021-01-01T00:00:00Z"},"payload":{"data":"aGVsbG8="}}"""));
        assertThat(opened.uuid()).isEqualTo("abc");
        assertThat(new String(opened.data(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void nullDataIsAnEmptyBody() {
        assertThat(GravEnvelope.open(bytes("{\"meta\":{},\"payload\":{\"data\":null}}")).data()).isEmpty();
    }

    @Test
    void whatIsNoEnvelopeIsRejected() {
        assertThatThrownBy(() -> GravEnvelope.open(bytes("hello"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("payload is not a JSON message envelope");
        assertThatThrownBy(() -> GravEnvelope.open(bytes("{\"payload\":{}}")))
                .hasMessage("payload is not a message envelope with meta and payload");
        assertThatThrownBy(() -> GravEnvelope.open(bytes("{\"meta\":{},\"payload\":{\"data\":\"*\"}}")))
                .hasMessage("envelope payload.data is not valid base64");
        assertThatThrownBy(() -> GravEnvelope.open(bytes("{\"meta\":{},\"payload\":{\"data\":5}}")))
                .hasMessage("envelope payload.data must be a base64 string");
    }

    @Test
    void aSealedReplyAnswersTheIncomingUuidAndNamesItsSubject() throws Exception {
        JsonNode reply = JSON.readTree(GravEnvelope.seal(bytes("hi"), "replies", "abc"));
        assertThat(reply.at("/meta/response_to").asText()).isEqualTo("abc");
        assertThat(reply.at("/meta/msg_type").asText()).isEqualTo("replies");
        assertThat(reply.at("/meta/parent_id").asText()).isEmpty();
        assertThat(reply.at("/meta/uuid").asText()).hasSize(36);
        assertThat(reply.at("/payload/data").asText()).isEqualTo("aGk=");
    }

    @Test
    void anEmptyReplyHasNullData() throws Exception {
        JsonNode reply = JSON.readTree(GravEnvelope.seal(new byte[0], "replies", "abc"));
        assertThat(reply.at("/payload/data").isNull()).isTrue();
    }
}
