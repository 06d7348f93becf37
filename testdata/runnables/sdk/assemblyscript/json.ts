// sdk-assemblyscript-json: exercises the JSON helper of the AssemblyScript SDK
// for SdkJsonTest (atmo-wasm). One job per input:
//
//   build          answers a tree built with the SDK's builders, serialised
//   value <json>   reads `value` of the parse result: aborts the job when the
//                  JSON is invalid (through the SDK's abort handler)
//   read <json>    parses the JSON and answers one line per accessor result
//   <json>         parses the JSON and answers it serialised again (compact);
//                  a syntax error fails the job with 400 and the parser's message

import { setRunnable, Bytes, Reply, JsonValue, parseJson, quote } from "@atmo/sdk";

export { run_e, allocate, deallocate, init, atmo_abi_b } from "@atmo/sdk";

function built(): JsonValue {
  return JsonValue.object()
    .setString("text", "quote \" backslash \\ slash / newline \n tab \t bell \u0007 line sep \u2028 é ☃ 😀")
    .setNumber("int", 42)
    .setNumber("negative", -7)
    .setNumber("fraction", 2.5)
    .setNumber("large", 1e21)
    .setNumber("nan", NaN)
    .setBool("yes", true)
    .set("nothing", JsonValue.null())
    .set("list", JsonValue.array().push(JsonValue.number(1)).push(JsonValue.string("two")).push(JsonValue.array()))
    .set("empty", JsonValue.object())
    .setNumber("int", 43);
}

function read(value: JsonValue): string {
  const lines = new Array<string>();
  lines.push("kind=" + (<i32>value.kind).toString());
  lines.push("keys=" + value.keys().join(","));
  lines.push("length=" + value.length.toString());
  lines.push("name=" + value.get("name").asString("?"));
  lines.push("age=" + value.get("age").asInt(-1).toString());
  lines.push("ratio=" + value.get("ratio").asNumber(-1).toString());
  lines.push("flag=" + (value.get("flag").asBool(false) ? "true" : "false"));
  lines.push("first=" + value.get("list").at(0).stringify());
  lines.push("outside=" + (value.get("list").at(9).isNull ? "null" : "value"));
  lines.push("has name=" + (value.has("name") ? "true" : "false"));
  lines.push("missing=" + (value.get("missing").isNull ? "null" : "value"));
  lines.push("name as number=" + value.get("name").asNumber(-1).toString());
  lines.push("quoted=" + quote(value.get("name").asString()));
  return lines.join("\n");
}

function run(input: Bytes): Reply {
  const text = input.text();
  if (text == "build") return Reply.json(built());
  if (text.startsWith("value ")) return Reply.json(parseJson(text.substring(6)).value);
  const reading = text.startsWith("read ");
  const parsed = parseJson(reading ? text.substring(5) : text);
  if (parsed.isErr) return Reply.error(400, parsed.error.message);
  return reading ? Reply.text(read(parsed.value)) : Reply.json(parsed.value);
}

setRunnable(run);
