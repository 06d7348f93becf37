package dev.atmo.wasm.abi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.atmo.wasm.host.CapabilityException;
import dev.atmo.wasm.host.GraphQlCapability;
import dev.atmo.wasm.host.InvocationInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code graphql_query}: POSTs {@code {"query":...}} as JSON and answers {@code {"data":...}} re-encoded with sorted
 * keys; a non-200 status, a GraphQL error or an undecodable answer throws with the guest-facing text.
 */
final class LoopbackGraphQl implements GraphQlCapability {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private final HttpClient client;

    LoopbackGraphQl(HttpClient client) {
        this.client = client;
    }

    @Override
    public byte[] query(String endpoint, String query, InvocationInfo caller) {
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(LoopbackHttp.TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("query", query))))
                    .build();
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | IllegalArgumentException e) {
            throw new CapabilityException("failed to Do request: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CapabilityException("failed to Do request: interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new CapabilityException("non-200 HTTP response code; "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            JsonNode errors = answer.path("errors");
            if (!errors.isEmpty()) {
                JsonNode first = errors.get(0);
                throw new CapabilityException("graphQL error; path: " + first.path("path").asText()
                        + ", message: " + first.path("message").asText());
            }
            Object data = JSON.treeToValue(answer.path("data"), Object.class);
            return JSON.writeValueAsBytes(Map.of("data", data));
        } catch (JsonProcessingException e) {
            throw new CapabilityException("failed to Unmarshal response: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CapabilityException("failed to Unmarshal response: " + e.getMessage(), e);
        }
    }
}
