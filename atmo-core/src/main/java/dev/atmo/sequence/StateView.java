package dev.atmo.sequence;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one call sees of the state: everything, or with a {@code with} map only the aliased keys. */
final class StateView {
    private StateView() {
    }

    static Map<String, byte[]> of(Map<String, byte[]> state, Map<String, String> with) {
        if (with.isEmpty()) {
            return new LinkedHashMap<>(state);
        }
        Map<String, byte[]> view = new LinkedHashMap<>();
        for (Map.Entry<String, String> alias : with.entrySet()) {
            byte[] value = state.get(alias.getValue());
            if (value == null) {
                throw new SequenceException("failed to build desired state, " + alias.getValue()
                        + " does not exists in handler state");
            }
            view.put(alias.getKey(), value);
        }
        return view;
    }
}
