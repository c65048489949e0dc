# Starts S3Proxy 3.1.0 (a real S3 API server, filesystem backend, SigV4) on a free port for the
# benchmark scripts. Sourced; after start_s3proxy DIR BUCKET: $s3_endpoint, $s3_data (the
# folder holding each bucket's objects as files), $s3_pid, and AWS_* exported for its user.
# $S3PROXY_JAR names the server's jar; by default the one Maven fetched for the tests.
start_s3proxy() {
  local dir="$1" bucket="$2"
  local jar="${S3PROXY_JAR:-$HOME/.m2/repository/org/gaul/s3proxy/3.1.0/s3proxy-3.1.0-jar-with-dependencies.jar}"
  [[ -f "$jar" ]] || mvn -B -q dependency:get -Dartifact=org.gaul:s3proxy:3.1.0:jar:jar-with-dependencies
  local port
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  s3_data="$dir/s3"
  s3_endpoint="http://127.0.0.1:$port"
  mkdir -p "$s3_data"
  cat > "$dir/s3proxy.properties" <<PROPS
s3proxy.endpoint=$s3_endpoint
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$s3_data
PROPS
  java -jar "$jar" --properties "$dir/s3proxy.properties" > "$dir/s3proxy.log" 2>&1 &
  s3_pid=$!
  until curl -s -o /dev/null "$s3_endpoint"; do sleep 0.2; done
  curl -sf -X PUT --aws-sigv4 "aws:amz:us-east-1:s3" -u bench:bench-secret -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" \
    "$s3_endpoint/$bucket" > /dev/null
  export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret AWS_DEFAULT_REGION=us-east-1
}

# Prints "N objects, B bytes" under one folder of a bucket (the objects' own sizes, no folder markers).
bucket_usage() {
  find "$s3_data/$1" -type f -printf '%s\n' 2>/dev/null | awk '{n++; b+=$1} END {printf "%d objects, %d bytes\n", n, b}'
}
