#!/usr/bin/env bash
# Smoke test of the order desk example: start atmo on it, call every route with curl and check the
# status code and the exact body of each answer.
source "$(dirname "$0")/../lib/smoke-helpers.sh"

# post PATH BODY: prints "<status code> <response body>".
post() {
  local answer
  answer="$(curl -s -w ' %{http_code}' -d "$2" "localhost:$PORT$1")"
  echo "${answer##* } ${answer% *}"
}

start_atmo "$ROOT/examples/steps"

expect "POST /order answers the receipt" \
  '200 {"customer":"Ada","greeting":"Hello, Ada!","lines":[{"sku":"a1","qty":2,"total":500},{"sku":"b2","qty":1,"total":1000},{"sku":"a1","qty":1,"total":250}],"total":1750,"stock":{"reserved":4},"audit":{"code":503,"message":"audit offline"}}' \
  "$(post /order '{"customer":"Ada","items":[{"sku":"a1","qty":2},{"sku":"b2","qty":1},{"sku":"a1","qty":1}]}')"
expect "POST /order receipt is JSON" "application/json" \
  "$(curl -s -o /dev/null -w '%{content_type}' -d '{"customer":"Ada","items":[{"sku":"a1","qty":1}]}' "localhost:$PORT/order")"
expect "POST /order continues past a missing stock record" \
  '200 {"customer":"Grace","greeting":"Hello, Grace!","lines":[{"sku":"c3","qty":4,"total":300}],"total":300,"stock":{"code":404,"message":"no stock record for c3"},"audit":{"code":503,"message":"audit offline"}}' \
  "$(post /order '{"customer":"Grace","items":[{"sku":"c3","qty":4}]}')"
expect "POST /order escapes the customer" \
  '200 {"customer":"Zoë \"Z\"","greeting":"Hello, Zoë \"Z\"!","lines":[{"sku":"b2","qty":5,"total":5000}],"total":5000,"stock":{"reserved":5},"audit":{"code":503,"message":"audit offline"}}' \
  "$(post /order '{"customer":" Zoë \"Z\" ","items":[{"sku":"b2","qty":5}]}')"
expect "POST /order returns 409 when out of stock" \
  '409 {"status":409,"message":"not enough stock for out: 0 left"}' \
  "$(post /order '{"customer":"Ada","items":[{"sku":"a1","qty":1},{"sku":"out","qty":1}]}')"
expect "POST /order returns 404 for an unknown sku" \
  '404 {"status":404,"message":"unknown sku: zz"}' \
  "$(post /order '{"customer":"Ada","items":[{"sku":"a1","qty":1},{"sku":"zz","qty":1}]}')"
expect "POST /order returns 400 for a body that is not JSON" \
  '400 {"status":400,"message":"invalid order: the body is not JSON"}' \
  "$(post /order 'two apples please')"
expect "POST /order returns 400 for a bad qty" \
  '400 {"status":400,"message":"invalid order: item 2 needs a qty from 1 to 100"}' \
  "$(post /order '{"customer":"Ada","items":[{"sku":"a1","qty":1},{"sku":"b2","qty":0}]}')"

expect "POST /quote answers the priced lines" \
  '200 [{"sku":"b2","qty":3,"total":3000},{"sku":"a1","qty":2,"total":500},{"sku":"out","qty":1,"total":500}]' \
  "$(post /quote '{"customer":"Ada","items":[{"sku":"b2","qty":3},{"sku":"a1","qty":2},{"sku":"out","qty":1}]}')"

expect "POST /stock answers the reservation" \
  '200 {"reserved":5}' \
  "$(post /stock '{"customer":"Ada","items":[{"sku":"b2","qty":3},{"sku":"a1","qty":2}]}')"
expect "POST /stock returns 409" \
  '409 {"status":409,"message":"not enough stock for b2: 5 left"}' \
  "$(post /stock '{"customer":"Ada","items":[{"sku":"b2","qty":6}]}')"
expect "POST /stock returns 404 without onErr" \
  '404 {"status":404,"message":"no stock record for c3"}' \
  "$(post /stock '{"customer":"Ada","items":[{"sku":"c3","qty":1}]}')"

expect "GET /order is not allowed" "405" \
  "$(curl -s -o /dev/null -w '%{http_code}' "localhost:$PORT/order")"
finish
