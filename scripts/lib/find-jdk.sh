# Sourced by ./mvnw, ./sluice and .ci/run: make JAVA_HOME point at a JDK >= 21.
# Order: $JAVA_HOME, then `java` on PATH, then the JDKs under /usr/lib/jvm and /opt (newest first).
# Prints nothing on success; on failure prints one clear line and returns 1.

sluice_java_major() { # $1 = path to a java binary -> prints its major version (e.g. 25)
  local release="${1%/bin/java}/release" major=""
  # Every JDK 9+ has a release file; reading it saves starting a JVM (~100 ms) on each ./sluice run.
  [ -r "$release" ] && major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n1)"
  if [ -n "$major" ]; then echo "$major"; return 0; fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

sluice_find_jdk() {
  local min=21 candidate major
  for candidate in ${JAVA_HOME:+"$JAVA_HOME"} \
                   "$(command -v java >/dev/null 2>&1 && dirname "$(dirname "$(readlink -f "$(command -v java)")")")" \
                   $(find /usr/lib/jvm /opt -mindepth 1 -maxdepth 1 \( -type d -o -type l \) 2>/dev/null | sort -rV); do # find, not a glob: mvnw runs with set -f
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major="$(sluice_java_major "$candidate/bin/java")"
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "sluice: no JDK >= $min found (checked JAVA_HOME, java on PATH, /usr/lib/jvm, /opt). Install one (e.g. Temurin 21+) and set JAVA_HOME." >&2
  return 1
}
