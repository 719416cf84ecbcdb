# Sourced by the benchmark scripts. bench_keys FOLDER makes a signing key in FOLDER, as
# ./channelmind up does for the local stack. It exports the public key, issuer and audience with
# which the services that the script starts verify tokens, and a fresh key-encryption key for the
# personal data they store or, in ingestion-service, encrypt on cm.customer-events. It sets
# BENCH_TOKEN to an admin token, exported as CHANNELMIND_BENCH_TOKEN
# for the Java load generators.
# Needs stack/target/classes and stack/target/lib, which the scripts build.
bench_keys() {
  local folder="$1"
  local classes="$ROOT/stack/target/classes:$ROOT/stack/target/lib/*"
  local line
  while IFS= read -r line; do
    export "${line?}"
  done < <(java -cp "$classes" io.channelmind.stack.auth.LocalAuth env "$folder")
  CHANNELMIND_CRYPTO_KEK="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')"
  export CHANNELMIND_CRYPTO_KEK
  BENCH_TOKEN="$(java -cp "$classes" io.channelmind.stack.auth.LocalAuth token "$folder" admin)"
  export CHANNELMIND_BENCH_TOKEN="$BENCH_TOKEN"
}
