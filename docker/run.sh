#!/usr/bin/env bash
# Confluent Platform demo: builds the plugin, starts docker-compose.yml, posts the example connectors and shows
# decoded records. Needs Docker with the compose plugin. Stop with: docker compose -f docker/docker-compose.yml down -v
set -euo pipefail
cd "$(dirname "$0")"
root=..

echo "== building the plugin"
(cd "$root" && ./mvnw -q -B -DskipTests package)
rm -rf plugins/schemafirst-*
unzip -q "$root"/target/components/packages/schemafirst-kafka-connect-schemafirst-*.zip -d plugins

echo "== starting Kafka, Schema Registry, the HTTP API and Connect"
docker compose up -d
until curl -fs http://localhost:8083/connector-plugins >/dev/null 2>&1; do printf .; sleep 2; done; echo

echo "== registering the declared JSON Schema (the producers' way) for the JSON Schema flow"
jq -n --rawfile s "$root/config/schemas/user.schema.json" '{schemaType: "JSON", schema: $s}' |
  curl -fs -X POST -H 'Content-Type: application/vnd.schemaregistry.v1+json' --data @- \
    http://localhost:8081/subjects/users-json-value/versions; echo

echo "== deploying connectors"
for c in file-avro file-json-schema http-none-next-url; do
  f="$root/config/$c.json"
  [ -f "$f" ] || { echo "skipping $c (no $f)"; continue; }
  sed 's#http://api.example.com/users#http://http-api/users-page-1.json#' "$f" |
    curl -fs -X PUT -H 'Content-Type: application/json' --data @- "http://localhost:8083/connectors/$c/config" >/dev/null
  echo "  $c"
done

echo "== registered subjects"
curl -fs http://localhost:8081/subjects; echo
curl -fs http://localhost:8081/subjects/users-avro-value/versions/latest/schema; echo

echo "== a few decoded Avro records"
docker compose exec -T schema-registry kafka-avro-console-consumer --bootstrap-server kafka:29092 \
  --topic users-avro --from-beginning --max-messages 5 --property schema.registry.url=http://schema-registry:8081
