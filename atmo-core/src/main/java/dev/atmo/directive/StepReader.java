package dev.atmo.directive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code steps} lists (shared by handlers and schedules): fn, group and forEach steps with onErr. */
final class StepReader {
    private static final Set<String> STEP_KEYS = Set.of("fn", "as", "with", "onErr", "group", "forEach");
    private static final Set<String> CALL_KEYS = Set.of("fn", "as", "with", "onErr");
    private static final Set<String> FOR_EACH_KEYS = Set.of("in", "fn", "as", "onErr");
    private static final Set<String> ON_ERR_KEYS = Set.of("code", "any", "other");

    private final YamlReader reader;

    StepReader(YamlReader reader) {
        this.reader = reader;
    }

    List<Step> steps(Fields owner) {
        return owner.eachMapping("steps", STEP_KEYS, this::step);
    }

    private Step step(Fields fields) {
        List<CallSpec> group = fields.eachMapping("group", CALL_KEYS, this::call);
        Optional<ForEach> forEach = fields.has("forEach")
                ? fields.mapping("forEach", FOR_EACH_KEYS).map(this::forEach)
                : Optional.empty();
        return new Step(fields.text("fn"), fields.text("as"), fields.stringMap("with"), onErr(fields), group,
                forEach, fields.mark(), fields.keyMarks());
    }

    private CallSpec call(Fields fields) {
        return new CallSpec(fields.text("fn"), fields.text("as"), fields.stringMap("with"), onErr(fields),
                fields.mark(), fields.keyMarks());
    }

    private ForEach forEach(Fields fields) {
        return new ForEach(fields.text("in"), fields.text("fn"), fields.text("as"), onErr(fields), fields.mark());
    }

    private OnErr onErr(Fields owner) {
        return owner.mapping("onErr", ON_ERR_KEYS).map(this::readOnErr).orElse(OnErr.none());
    }

    private OnErr readOnErr(Fields fields) {
        Map<Integer, String> codes = new LinkedHashMap<>();
        String path = fields.path("code");
        fields.mapping("code", null).ifPresent(code -> code.entries().forEach((key, tuple) -> {
            Optional<Integer> number = YamlReader.parseInt(key);
            if (number.isEmpty()) {
                reader.error(tuple.getKeyNode(),
                        path + " keys must be whole-number error codes, found '" + key + "'");
                return;
            }
            codes.put(number.get(), reader.text(tuple.getValueNode(), path + "." + key));
        }));
        return new OnErr(codes, fields.text("any"), fields.text("other"));
    }
}
